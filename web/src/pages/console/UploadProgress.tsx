import { Alert, Progress, Steps, Typography } from 'antd';
import { formatCount } from '../../format';
import { useI18n } from '../../i18n';
import type { Job } from '../catalog/types';

export type UploadPhase =
  | { step: 'sending'; sent: number; total: number }
  | { step: 'processing'; job: Job | null }
  | { step: 'done'; job: Job | null; file: boolean }
  /** `at`: the step that failed, 0 the transfer or 1 the ingest. */
  | { step: 'failed'; at: 0 | 1; message: string };

const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 2 : 1);

/** 上传文件 → 解析入库 → 完成, with one bar that moves through the transfer and then the ingest. */
export function UploadProgress({ phase }: { phase: UploadPhase }) {
  const { t } = useI18n();
  const current = phase.step === 'failed' ? phase.at : phase.step === 'sending' ? 0 : phase.step === 'processing' ? 1 : 2;
  let percent = 0;
  let text = '';
  if (phase.step === 'sending') {
    percent = phase.total ? Math.floor((phase.sent / phase.total) * 100) : 0;
    text = t('upload.sending', { sent: mb(phase.sent), total: mb(phase.total) });
  } else if (phase.step === 'processing') {
    percent = Math.floor((phase.job?.progress ?? 0) * 100);
    text = phase.job?.message ?? t(phase.job?.status === 'running' ? 'upload.processing' : 'upload.queued');
  } else if (phase.step === 'done') {
    percent = 100;
  }
  const result = phase.step === 'done' ? phase.job?.result : null;

  return (
    <div className="upload-progress" aria-live="polite">
      <Steps size="small" current={current} status={phase.step === 'failed' ? 'error' : phase.step === 'done' ? 'finish' : 'process'}
        items={[{ title: t('upload.stepSend') }, { title: t('upload.stepIngest') }, { title: t('upload.stepDone') }]} />
      {phase.step !== 'failed' && (
        <Progress percent={percent} status={phase.step === 'done' ? 'success' : 'active'} aria-label={t('upload.progress')} />
      )}
      {text && <Typography.Text type="secondary" className="upload-progress-text">{text}</Typography.Text>}
      {phase.step === 'done' && (
        phase.file ? <Alert type="success" showIcon title={t('upload.fileDone')} />
          : result ? (
            <Alert type={result.rejected > 0 || !result.consistent ? 'warning' : 'success'} showIcon
              title={t('upload.done', { rows: formatCount(result.rows), version: result.version })}
              description={<>
                {result.rejected > 0 && <div>{t('upload.rejected', { n: formatCount(result.rejected) })}</div>}
                <div>{t(result.consistent ? 'upload.consistent' : 'upload.inconsistent')}</div>
                {result.held && <div>{t('upload.held')}</div>}
              </>} />
          ) : null
      )}
      {phase.step === 'failed' && <Alert type="error" showIcon title={t('upload.failed')} description={phase.message} />}
    </div>
  );
}
