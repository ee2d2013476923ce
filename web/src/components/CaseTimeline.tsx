import { Timeline } from 'antd';
import type { Attachment } from '../attachments';
import { formatDate, formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { AttachmentList } from './AttachmentList';

/** One step of a case as the workflow engine answers it. */
export interface TimelineStep {
  action: string;
  /** The declared name of the step, from the server. */
  actionLabel: { zh: string; en: string };
  from: string | null;
  to: string;
  /** Staff see who acted; the applicant and the public do not. */
  actorName?: string | null;
  department: string | null;
  reason: string | null;
  comment: string | null;
  dueAt: string | null;
  at: string;
  attachments: Attachment[];
}

/** What happened to a case and when, with the files each step brought. */
export function CaseTimeline({ steps }: { steps: TimelineStep[] }) {
  const { t, lang } = useI18n();
  return (
    <Timeline items={steps.map((step) => ({
      content: (
        <div className="case-step">
          <strong>{step.actionLabel[lang]}</strong>
          <span className="muted"> {formatDateTime(step.at)}</span>
          {step.actorName && <span> · {step.actorName}</span>}
          {step.department && <span> · {step.department}</span>}
          {step.dueAt && <div className="muted">{t('case.dueNotice', { date: formatDate(step.dueAt) })}</div>}
          {step.reason && <div>{t('case.reason')}{t('common.colon')}{step.reason}</div>}
          {step.comment && <div>{t('case.comment')}{t('common.colon')}{step.comment}</div>}
          <AttachmentList files={step.attachments} />
        </div>
      ),
    }))} />
  );
}
