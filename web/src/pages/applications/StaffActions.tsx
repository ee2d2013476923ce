import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { decisionsOf, type ApplicationDetail } from '../../applications';
import { AttachmentsField } from '../../components/AttachmentsField';
import { useI18n, type MessageKey } from '../../i18n';
import { ReasonModal } from '../console/ReasonModal';

type Decision = 'approve' | 'reject' | 'return';

const STEP_NAMES: Record<string, MessageKey> = {
  formal: 'apply.steps.formal', demand: 'apply.steps.demand', recheck: 'apply.steps.recheck', filing: 'apply.steps.filing',
};

/**
 * A decision on the open review step (规范性审查, 需求审核, 需求复核, 协议备案): 通过, or 退回补充 /
 * 不予通过 with a reason the applicant reads; an optional note and files go with any of them.
 */
function DecisionCard({ app, step, decisions, onDone }: { app: ApplicationDetail; step: string; decisions: Decision[]; onDone: (next: ApplicationDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string; attachmentIds?: string[] }>();
  const [busy, setBusy] = useState<Decision | null>(null);
  const [asking, setAsking] = useState<'reject' | 'return' | null>(null);
  const stepName = t(STEP_NAMES[step] ?? 'apply.step');

  const decide = async (decision: Decision, reason?: string) => {
    const { comment, attachmentIds } = form.getFieldsValue();
    setBusy(decision);
    try {
      const next = await api.post<ApplicationDetail>(`/api/v1/applications/${encodeURIComponent(app.id)}/decision`, {
        // Naming the step decided: if another reviewer moved the application on meanwhile, the server answers 409.
        decision, step, ...(reason ? { reason } : {}), ...(comment?.trim() ? { comment: comment.trim() } : {}),
        ...(attachmentIds?.length ? { attachmentIds } : {}),
      });
      message.success(t('apply.decided'));
      setAsking(null);
      onDone(next);
    } catch (err) {
      message.error(errorMessage(err));
      // The reason modal stays open with what was written.
      if (reason) throw err;
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('apply.decide', { step: stepName })} className="section-gap">
      <Form form={form} name="decision" layout="vertical">
        <Form.Item name="comment" label={t('apply.comment')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('attachments.label')}>
          <AttachmentsField />
        </Form.Item>
      </Form>
      <Space wrap>
        {decisions.includes('approve') && <Button type="primary" loading={busy === 'approve'} onClick={() => void decide('approve')}>{t('apply.approve')}</Button>}
        {decisions.includes('return') && <Button onClick={() => setAsking('return')}>{t('apply.return')}</Button>}
        {decisions.includes('reject') && <Button danger onClick={() => setAsking('reject')}>{t('apply.reject')}</Button>}
      </Space>
      <ReasonModal open={asking !== null}
        title={t(asking === 'reject' ? 'apply.rejectTitle' : 'apply.returnTitle', { step: stepName })}
        okText={t(asking === 'reject' ? 'apply.reject' : 'apply.return')}
        placeholder={t(asking === 'reject' ? 'apply.rejectPlaceholder' : 'apply.returnPlaceholder')}
        onCancel={() => setAsking(null)} onSubmit={(reason) => decide(asking!, reason)} />
    </Card>
  );
}

/** The department's confirmation of the agreement the applicant signed, after checking it and its digest. */
function ConfirmCard({ app, onDone }: { app: ApplicationDetail; onDone: (next: ApplicationDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      const next = await api.post<ApplicationDetail>(`/api/v1/applications/${encodeURIComponent(app.id)}/agreement/confirm`);
      message.success(t('apply.confirmed'));
      onDone(next);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('apply.confirm')} className="section-gap">
      <Typography.Paragraph>{t('apply.confirmHint')}</Typography.Paragraph>
      <Button type="primary" loading={busy} onClick={confirm}>{t('apply.confirm')}</Button>
    </Card>
  );
}

/** The staff's forms for what the server says they may do now, and no others. */
export function StaffActions({ app, onDone }: { app: ApplicationDetail; onDone: (next: ApplicationDetail) => void }) {
  const decisions = decisionsOf(app.abilities);
  return (
    <>
      {decisions && <DecisionCard key={app.step} app={app} step={decisions.step} decisions={decisions.decisions} onDone={onDone} />}
      {app.abilities.includes('confirm') && <ConfirmCard app={app} onDone={onDone} />}
    </>
  );
}
