import { workflow } from '../workflow.js';

/**
 * A catalog entry's way to the portal, or a published entry's change: the department's own
 * security review first (rules 六.(二) 开放前的安全审查, by its `provider_reviewer`), then the
 * authority's consistency review and publication. Whoever wrote any part of what is decided,
 * in any round, decides no step of it. A returned submission is amended and resubmitted in the
 * same case, so its history stays whole.
 */
export const CATALOG_PUBLICATION = workflow({
  kind: 'catalog_publication',
  label: { zh: '目录发布审核', en: 'Catalog publication review' },
  initial: 'department_review',
  initialDueInWorkingDays: 5,
  readWith: 'catalog.internal.read',
  // The submitter amends a returned entry in the console; reviewers decide on the review page.
  pageFor: (party, id) => `/admin/${party === 'applicant' ? 'catalog' : 'review'}/${encodeURIComponent(id)}`,
  states: {
    department_review: { label: { zh: '开放主体安全审查', en: "Department's security review" }, waitsFor: 'department', handledWith: 'catalog.review.department' },
    authority_review: { label: { zh: '主管部门一致性审核', en: "Authority's consistency review" }, waitsFor: 'authority', handledWith: 'catalog.review' },
    returned: { label: { zh: '已退回修改', en: 'Returned for changes' }, waitsFor: 'applicant' },
    published: { label: { zh: '已发布', en: 'Published' } },
    withdrawn: { label: { zh: '已撤销', en: 'Withdrawn' } },
  },
  transitions: {
    department_approve: {
      label: { zh: '安全审查通过', en: 'Pass the security review' },
      from: ['department_review'], to: 'authority_review', action: 'catalog.review.department', notBy: 'contributors', dueInWorkingDays: 5,
    },
    department_return: {
      label: { zh: '安全审查退回', en: 'Return from the security review' },
      from: ['department_review'], to: 'returned', action: 'catalog.review.department', notBy: 'contributors', reasonRequired: true,
    },
    publish: {
      label: { zh: '审核通过并发布', en: 'Approve and publish' },
      from: ['authority_review'], to: 'published', action: 'catalog.review', notBy: 'contributors',
    },
    return: {
      label: { zh: '审核退回', en: 'Return' },
      from: ['authority_review'], to: 'returned', action: 'catalog.review', notBy: 'contributors', reasonRequired: true,
    },
    resubmit: {
      label: { zh: '修改后重新提交', en: 'Resubmit' },
      from: ['returned'], to: 'department_review', action: 'catalog.edit', dueInWorkingDays: 5,
    },
    // Taking a published entry off the portal closes any review round it had open.
    withdraw: {
      label: { zh: '撤销审核', en: 'Withdraw' },
      from: ['department_review', 'authority_review', 'returned'], to: 'withdrawn', action: 'catalog.edit', reasonRequired: true,
    },
  },
});
