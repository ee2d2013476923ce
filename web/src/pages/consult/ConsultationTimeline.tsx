import { Timeline } from 'antd';
import { actionKey, type TimelineStep } from '../../consultations';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

/** What happened to a question and when; staff also see who acted. */
export function ConsultationTimeline({ steps }: { steps: TimelineStep[] }) {
  const { t } = useI18n();
  return (
    <Timeline items={steps.map((step) => ({
      content: (
        <div className="consult-step">
          <strong>{t(actionKey(step.action))}</strong>
          <span className="muted"> {formatDateTime(step.at)}</span>
          {step.actorName && <span> · {step.actorName}</span>}
          {step.department && <span> · {step.department}</span>}
          {step.dueAt && <div className="muted">{t('consult.dueNotice', { date: formatDate(step.dueAt) })}</div>}
          {step.reason && <div>{t('consult.reason')}{t('common.colon')}{step.reason}</div>}
          {step.comment && <div>{t('consult.comment')}{t('common.colon')}{step.comment}</div>}
        </div>
      ),
    }))} />
  );
}
