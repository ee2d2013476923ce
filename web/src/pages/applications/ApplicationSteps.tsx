import { Steps } from 'antd';
import { APPLICATION_STEPS, stepProgress, type ApplicationDetail } from '../../applications';
import { pick } from '../../consultations';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';

/** The five steps of 二.3 as a bar, the one the application stands at highlighted with its state and due date. */
export function ApplicationSteps({ app }: { app: Pick<ApplicationDetail, 'status' | 'step' | 'stepLabel' | 'dueAt' | 'timeline'> }) {
  const { t, lang } = useI18n();
  const { current, status } = stepProgress(app);
  const atStep = current < APPLICATION_STEPS.length;
  return (
    <Steps className="application-steps" size="small" current={current} status={status} responsive
      items={APPLICATION_STEPS.map((key, i) => ({
        title: t(key),
        content: atStep && i === current && app.status !== 'draft'
          ? <>{pick(app.stepLabel, lang)}{status === 'process' && app.dueAt ? <div>{t('case.dueNotice', { date: formatDate(app.dueAt) })}</div> : null}</>
          : undefined,
      }))} />
  );
}
