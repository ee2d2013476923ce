import { workflow } from '../workflow.js';

/** 实名认证 by the authority: decided within 5 working days; a refusal says why. */
export const VERIFICATION = workflow({
  kind: 'verification',
  label: { zh: '实名认证', en: 'Real-name verification' },
  initial: 'pending',
  initialDueInWorkingDays: 5,
  readWith: 'verification.read',
  pageFor: (party) => (party === 'applicant' ? '/user/verification' : '/admin/verifications'),
  states: {
    pending: { label: { zh: '待审核', en: 'Pending' }, waitsFor: 'authority', handledWith: 'verification.decide' },
    verified: { label: { zh: '已通过', en: 'Verified' } },
    rejected: { label: { zh: '未通过', en: 'Rejected' } },
  },
  transitions: {
    approve: { label: { zh: '通过', en: 'Approve' }, from: ['pending'], to: 'verified', action: 'verification.decide', notBy: 'applicant' },
    reject: { label: { zh: '驳回', en: 'Reject' }, from: ['pending'], to: 'rejected', action: 'verification.decide', notBy: 'applicant', reasonRequired: true },
  },
});
