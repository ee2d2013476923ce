import { workflow } from '../workflow.js';

/**
 * 我要咨询 (rules 三.4): the authority answers within 5 working days of receiving a question,
 * or hands it to the department concerned, which answers within 5 working days of receiving it.
 */
export const CONSULTATION = workflow({
  kind: 'consultation',
  label: { zh: '咨询', en: 'Consultation' },
  initial: 'with_authority',
  openedAs: { zh: '提出咨询', en: 'Asked' },
  initialDueInWorkingDays: 5,
  readWith: 'consultation.read',
  pageFor: (party, id) => `${party === 'applicant' ? '/user' : '/admin'}/consultations/${encodeURIComponent(id)}`,
  states: {
    with_authority: { label: { zh: '待主管部门答复', en: 'Awaiting the authority' }, waitsFor: 'authority', handledWith: 'consultation.dispatch' },
    with_department: { label: { zh: '待开放主体答复', en: 'Awaiting the department' }, waitsFor: 'department', handledWith: 'consultation.reply' },
    answered: { label: { zh: '已答复', en: 'Answered' } },
    withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' } },
  },
  transitions: {
    dispatch: {
      label: { zh: '转交开放主体', en: 'Dispatch to a department' },
      from: ['with_authority'], to: 'with_department', action: 'consultation.dispatch', reassigns: true, dueInWorkingDays: 5,
    },
    // A question sent to the wrong department goes back, with the reason, for the authority to place again.
    return: {
      label: { zh: '退回主管部门', en: 'Return to the authority' },
      from: ['with_department'], to: 'with_authority', action: 'consultation.return', reasonRequired: true, releases: true, dueInWorkingDays: 5,
    },
    reply: { label: { zh: '答复', en: 'Reply' }, from: ['with_authority', 'with_department'], to: 'answered', action: 'consultation.reply', notBy: 'applicant' },
    withdraw: { label: { zh: '撤回', en: 'Withdraw' }, from: ['with_authority', 'with_department'], to: 'withdrawn', action: 'consultation.withdraw' },
  },
});
