import { WORKFLOWS } from '../../domain/workflows/index.js';

export type Lang = 'zh' | 'en';

/** Every kind of notice the platform sends; a reader may keep any of them to the inbox only. */
export const NOTIFICATION_KINDS = [
  'verification.decided',
  'catalog.review.decided',
  'item.assigned',
  'consultation.replied',
  'deadline.tomorrow',
  'item.overdue',
  'data.update.due',
  'data.update.overdue',
  'application.decided',
  'grant.changed',
  'outcome.due',
  'outcome.overdue',
  'source.failed',
  'harvest.failed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a template reads: plain values, kept with the notice so it renders again in any language. */
export type NoticeParams = Record<string, string | boolean | null | undefined>;

export interface Rendered {
  title: string;
  body: string;
}

type Template = (p: NoticeParams, lang: Lang) => Rendered;

const text = (value: NoticeParams[string]) => (typeof value === 'string' ? value : '');
/** A workflow's name in the reader's language ("目录发布审核"), from its declaration. */
const workflowName = (p: NoticeParams, lang: Lang) => WORKFLOWS[text(p.workflow)]?.label[lang] ?? text(p.workflow);
const reasonLine = (p: NoticeParams, lang: Lang) => (p.reason ? (lang === 'zh' ? `理由：${text(p.reason)}` : `Reason: ${text(p.reason)}`) : '');

const DECISIONS = {
  approve: { zh: '已通过', en: 'passed' },
  reject: { zh: '未通过', en: 'was rejected' },
  return: { zh: '退回补充', en: 'was returned for supplement' },
} as const;
const decisionOf = (p: NoticeParams) => DECISIONS[text(p.decision) as keyof typeof DECISIONS] ?? DECISIONS.approve;
const GRANT_CHANGES = {
  suspended: { zh: '已暂停', en: 'suspended' },
  resumed: { zh: '已恢复', en: 'resumed' },
  revoked: { zh: '已撤销', en: 'revoked' },
} as const;
const grantChangeOf = (p: NoticeParams) => GRANT_CHANGES[text(p.change) as keyof typeof GRANT_CHANGES] ?? GRANT_CHANGES.revoked;

const TEMPLATES: Record<NotificationKind, Template> = {
  'harvest.failed': (p, lang) => (lang === 'zh'
    ? { title: `目录采集未完成：「${text(p.name)}」`, body: text(p.message) }
    : { title: `Harvest incomplete: "${text(p.name)}"`, body: text(p.message) }),
  'verification.decided': (p, lang) => (lang === 'zh'
    ? { title: p.approved ? '实名认证已通过' : '实名认证未通过', body: p.approved ? '您的实名认证已通过审核，现在可以申请和使用开放数据。' : `您的实名认证未通过审核。${reasonLine(p, lang)}` }
    : { title: p.approved ? 'Real-name verification approved' : 'Real-name verification rejected', body: p.approved ? 'Your real-name verification was approved: you can now use open data.' : `Your real-name verification was rejected. ${reasonLine(p, lang)}` }),
  'catalog.review.decided': (p, lang) => {
    const step = p.step === 'department' ? { zh: '开放主体安全审查', en: "department's security review" } : { zh: '主管部门审核', en: "authority's review" };
    return lang === 'zh'
      ? { title: `「${text(p.title)}」${step.zh}${p.approved ? '已通过' : '已退回'}`, body: p.approved ? `数据目录「${text(p.title)}」已通过${step.zh}。` : `数据目录「${text(p.title)}」在${step.zh}中被退回，请修改后重新提交。${reasonLine(p, lang)}` }
      : { title: `"${text(p.title)}": ${step.en} ${p.approved ? 'passed' : 'returned'}`, body: p.approved ? `The catalog entry "${text(p.title)}" passed the ${step.en}.` : `The catalog entry "${text(p.title)}" was returned by the ${step.en}; amend and resubmit it. ${reasonLine(p, lang)}` };
  },
  'item.assigned': (p, lang) => (lang === 'zh'
    ? { title: `待办：${workflowName(p, lang)}「${text(p.title)}」`, body: `有一项${workflowName(p, lang)}「${text(p.title)}」交由您或您的部门办理${p.dueAt ? `，办理期限 ${text(p.dueAt)}` : ''}。` }
    : { title: `To do: ${workflowName(p, lang)} "${text(p.title)}"`, body: `A ${workflowName(p, lang)} "${text(p.title)}" was assigned to you or your department${p.dueAt ? `, due ${text(p.dueAt)}` : ''}.` }),
  'consultation.replied': (p, lang) => (lang === 'zh'
    ? { title: `您的咨询「${text(p.title)}」已答复`, body: `您的咨询「${text(p.title)}」已收到答复，请登录查看。` }
    : { title: `Your question "${text(p.title)}" was answered`, body: `Your question "${text(p.title)}" has a reply; sign in to read it.` }),
  // Sent on the working day before the due date, which after a weekend is not always "tomorrow".
  'deadline.tomorrow': (p, lang) => (lang === 'zh'
    ? { title: `即将到期：${workflowName(p, lang)}「${text(p.title)}」`, body: `${workflowName(p, lang)}「${text(p.title)}」的办理期限为 ${text(p.dueAt)}，请及时办理。` }
    : { title: `Due soon: ${workflowName(p, lang)} "${text(p.title)}"`, body: `The ${workflowName(p, lang)} "${text(p.title)}" is due on ${text(p.dueAt)}.` }),
  'item.overdue': (p, lang) => (lang === 'zh'
    ? { title: `已逾期：${workflowName(p, lang)}「${text(p.title)}」`, body: `${workflowName(p, lang)}「${text(p.title)}」已超过办理期限 ${text(p.dueAt)}，请尽快办理。` }
    : { title: `Overdue: ${workflowName(p, lang)} "${text(p.title)}"`, body: `The ${workflowName(p, lang)} "${text(p.title)}" passed its due date ${text(p.dueAt)}.` }),
  // The step's name comes from the workflow's declaration (规范性审查, 需求审核…); the next step is the applicant's to take when it is theirs.
  'application.decided': (p, lang) => (lang === 'zh'
    ? { title: `受限数据申请「${text(p.title)}」${text(p.step)}${decisionOf(p).zh}`, body: `您的受限数据申请「${text(p.title)}」在${text(p.step)}环节${decisionOf(p).zh}。${reasonLine(p, lang)}${p.yourTurn ? '请登录办理下一步。' : ''}` }
    : { title: `Restricted data application "${text(p.title)}": ${text(p.step)} ${decisionOf(p).en}`, body: `Your application "${text(p.title)}" ${decisionOf(p).en} at ${text(p.step)}. ${reasonLine(p, lang)}${p.yourTurn ? ' Sign in to take the next step.' : ''}` }),
  'grant.changed': (p, lang) => (lang === 'zh'
    ? { title: `数据使用授权${grantChangeOf(p).zh}：「${text(p.title)}」`, body: `您对「${text(p.title)}」的数据使用授权${grantChangeOf(p).zh}。${reasonLine(p, lang)}` }
    : { title: `Data access ${grantChangeOf(p).en}: "${text(p.title)}"`, body: `Your access to "${text(p.title)}" was ${grantChangeOf(p).en}. ${reasonLine(p, lang)}` }),
  'outcome.due': (p, lang) => (lang === 'zh'
    ? { title: `请登记数据利用成果：「${text(p.title)}」`, body: `您使用「${text(p.title)}」形成的成果应于 ${text(p.dueAt)} 前在平台登记，并回传相关业务数据。` }
    : { title: `Register your outcome: "${text(p.title)}"`, body: `The outcome of your use of "${text(p.title)}" is due by ${text(p.dueAt)}, with the business data it produced.` }),
  'outcome.overdue': (p, lang) => (lang === 'zh'
    ? { title: `数据利用成果逾期未登记：「${text(p.title)}」`, body: `使用「${text(p.title)}」的成果应于 ${text(p.dueAt)} 前登记，现已逾期。` }
    : { title: `Outcome overdue: "${text(p.title)}"`, body: `The outcome of the use of "${text(p.title)}" was due by ${text(p.dueAt)}.` }),
  'data.update.due': (p, lang) => (lang === 'zh'
    ? { title: `数据即将到更新期：「${text(p.title)}」`, body: `数据目录「${text(p.title)}」应于 ${text(p.dueAt)} 前按更新频率更新数据，请及时上传新版本。` }
    : { title: `Data update due: "${text(p.title)}"`, body: `The catalog entry "${text(p.title)}" is due for its data update by ${text(p.dueAt)}; upload a new version.` }),
  'data.update.overdue': (p, lang) => (lang === 'zh'
    ? { title: `数据未按期更新：「${text(p.title)}」`, body: `数据目录「${text(p.title)}」应于 ${text(p.dueAt)} 更新数据，现已逾期，请尽快上传新版本。` }
    : { title: `Data update overdue: "${text(p.title)}"`, body: `The catalog entry "${text(p.title)}" was due for its data update on ${text(p.dueAt)}; upload a new version.` }),
  // 数据汇聚: the live version stays as it was; the error says what to mend.
  'source.failed': (p, lang) => (lang === 'zh'
    ? { title: `数据源运行失败：「${text(p.title)}」`, body: `「${text(p.title)}」的数据源本次归集失败，现有数据版本继续提供。原因：${text(p.error)}` }
    : { title: `Source run failed: "${text(p.title)}"`, body: `The source of "${text(p.title)}" failed to run; the current data version is still served. Reason: ${text(p.error)}` }),
};

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/** A notice's title and body in the reader's language; a kind no longer known still reads as something. */
export function renderNotice(kind: string, params: NoticeParams, lang: Lang): Rendered {
  return isNotificationKind(kind) ? TEMPLATES[kind](params, lang) : { title: kind, body: '' };
}

/** The 忘记密码 code, short enough for a text message. */
export function renderResetCode(code: string, minutes: number, lang: Lang): Rendered {
  return lang === 'zh'
    ? { title: '重置密码验证码', body: `您正在重置数开平台账号的密码，验证码 ${code}，${minutes} 分钟内有效。如非本人操作，请忽略本消息。` }
    : { title: 'Password reset code', body: `Your code to reset your password is ${code}; it is valid for ${minutes} minutes. If you did not ask for it, ignore this message.` };
}
