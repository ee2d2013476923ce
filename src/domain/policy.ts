/**
 * The one place that decides who may do what. Routes name an action (and, where it
 * matters, the thing acted on); this module answers, with the reason when it says no.
 * Nothing else holds permission logic.
 */
import type { Delivery } from './application.js';
import type { EntryStatus, OpenType } from './catalog.js';
import type { ErrorCode } from './errors.js';
import type { Role } from './roles.js';

/** What an API key may do: `read` data (every key), or also `upload` new data versions (provider staff who choose it). */
export const API_KEY_SCOPES = ['read', 'upload'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export type Actor =
  | { kind: 'visitor' }
  | {
      kind: 'account';
      id: string;
      roles: readonly Role[];
      departmentId: string | null;
      verified: boolean;
      creditLevel: string;
      /** As what the account is real-name verified (a person, or an organization); null or absent until it is. */
      verifiedAs?: 'person' | 'organization' | null;
      /** Present when the account called with an API key rather than a signed-in session. */
      keyScope?: ApiKeyScope;
    };

export type AccountActor = Extract<Actor, { kind: 'account' }>;

export const VISITOR: Actor = { kind: 'visitor' };

/** What a rule may look at besides the actor. */
export interface PolicyResource {
  /** Who owns or submitted the thing (separation of duties, own keys). */
  ownerId?: string | null;
  /** Everyone who wrote part of what awaits review (separation of duties). */
  contributorIds?: readonly string[];
  /** The department responsible for it. */
  departmentId?: string | null;
  openType?: OpenType;
  status?: EntryStatus;
  /** Whether the actor has accepted the current data licence. */
  licenceAccepted?: boolean;
  /** Roles an account holds, or will hold after the change asked for (user management). */
  roles?: readonly Role[];
  /**
   * The actor's grant in force today on this 受限开放 entry (二.3): the data items it opens and
   * how they are delivered. Absent or null: the actor holds none (or it is suspended, revoked,
   * not yet started or expired).
   */
  grant?: { fields: readonly string[]; delivery: Delivery } | null;
  /** The entry is kept by a harvest source (目录采集): its source changes it, not the department's form. */
  harvested?: boolean;
}

/** true = allowed; otherwise the error code that explains the refusal. */
type Decision = boolean | ErrorCode;
type Rule = (actor: Actor, res: PolicyResource) => Decision;

const everyone: Rule = () => true;
const signedIn: Rule = (actor) => actor.kind === 'account';
const has = (...roles: Role[]): Rule => (actor) => actor.kind === 'account' && roles.some((r) => actor.roles.includes(r));
const either = (...rules: Rule[]): Rule => (actor, res) => rules.some((rule) => rule(actor, res) === true);

/** Staff of the department responsible for the thing, in one of the given roles. */
const staffOf = (...roles: Role[]): Rule => (actor, res) =>
  has(...roles)(actor, res) === true && actor.kind === 'account' && !!res.departmentId && actor.departmentId === res.departmentId;

const authorityStaff = has('authority_admin', 'authority_reviewer');
/** Roles whose accounts no single administrator changes or hands out (see user.manage). */
const SECOND_ADMIN_ROLES: readonly Role[] = ['authority_admin', 'security_auditor'];
const departmentStaff = staffOf('provider_publisher', 'provider_reviewer');
/** Those who keep a catalog entry: its department's publishers, and the authority's administrators. */
const catalogKeeper = either(staffOf('provider_publisher'), has('authority_admin'));
/** The keepers of an entry the department keeps itself: a harvested entry follows its source, and an edit here would be overwritten by its next run. */
const ownEntryKeeper: Rule = (actor, res) => (catalogKeeper(actor, res) === true && res.harvested ? 'HARVESTED_ENTRY' : catalogKeeper(actor, res));
/** Those who may see an entry and its data whatever its open type or state. */
const insider = either(departmentStaff, authorityStaff);
const publiclyListed = (res: PolicyResource) => res.status === 'published' && (res.openType === 'unconditional' || res.openType === 'restricted');

// The first page of an unconditional resource is public, like a shop window.
const preview: Rule = (actor, res) => (res.status === 'published' && res.openType === 'unconditional') || insider(actor, res);

/**
 * 二.1: rows of unconditional data need real-name verification and the accepted licence.
 * 二.3: rows of restricted data need, besides, a grant in force (its data items are the only
 * ones read: readableFields). The portal's data licence is a requirement of its own, which
 * the agreement behind a grant does not replace.
 */
const rowsRead: Rule = (actor, res) => {
  if (insider(actor, res)) return true;
  const open = res.status === 'published' && (res.openType === 'unconditional' || (res.openType === 'restricted' && !!res.grant));
  if (!open) return actor.kind === 'visitor' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
  if (actor.kind === 'visitor') return 'UNAUTHENTICATED';
  if (!actor.verified) return 'VERIFICATION_REQUIRED';
  if (!res.licenceAccepted) return 'LICENCE_REQUIRED';
  return true;
};

const rules = {
  'me.read': signedIn,
  'me.update': signedIn,
  'me.verification.submit': signedIn,
  'me.apiKey.manage': signedIn,
  // 站内信 and its preferences: the service answers the caller's own only.
  'me.notifications': signedIn,
  // 忘记密码 is for those who cannot sign in; its limits are the throttle's, not the policy's.
  'auth.passwordReset': everyone,
  // A key that uploads data is for those who keep entries; everyone else's keys only read.
  'me.apiKey.upload': has('provider_publisher', 'authority_admin'),
  'department.read': everyone,
  'department.create': has('authority_admin'),
  'department.update': has('authority_admin'),
  'verification.list': has('authority_admin', 'authority_reviewer'),
  // A request and what it carries: the one who made it, and the authority's staff who decide it.
  'verification.read': (actor, res) => isOwner(actor, res) || authorityStaff(actor, res) === true,
  // Separation of duties: nobody decides on their own request.
  'verification.decide': (actor, res) => authorityStaff(actor, res) === true && res.ownerId !== idOf(actor),
  'user.list': has('authority_admin'),
  // An administrator cannot raise or restore their own roles, credit level or status, and no
  // single administrator changes an administrator's or a security auditor's account or makes
  // one (the operator's CLI does, until a second administrator's approval exists as a
  // workflow): otherwise one person could remove the auditor who watches them (三员分立).
  'user.manage': (actor, res) => {
    if (has('authority_admin')(actor, res) !== true || res.ownerId === idOf(actor)) return false;
    return res.roles?.some((r) => SECOND_ADMIN_ROLES.includes(r)) ? 'SECOND_ADMIN_REQUIRED' : true;
  },
  'audit.read': has('security_auditor'),
  'alert.read': has('authority_admin', 'security_auditor'),
  'calendar.read': everyone,
  'calendar.manage': has('authority_admin'),

  'catalog.search': everyone,
  // 禁止开放 entries, drafts and withdrawn entries are seen only by their keepers and the authority.
  // To anyone else they do not exist: refused as an unknown id is, so an id cannot be probed.
  'catalog.read': (actor, res) => publiclyListed(res) || insider(actor, res) || 'NOT_FOUND',
  'catalog.console': either(has('provider_publisher', 'provider_reviewer'), authorityStaff),
  // The authority's console lists every department's entries, 禁止开放 ones included.
  'catalog.console.all': authorityStaff,
  'catalog.create': catalogKeeper,
  'catalog.edit': ownEntryKeeper,
  'resource.upload': ownEntryKeeper,
  // 数据汇聚: a resource's sources are kept by those who upload its data, and read by its insiders.
  'source.manage': ownEntryKeeper,
  'source.read': insider,
  'catalog.review': (actor, res) => authorityStaff(actor, res) === true && !authored(actor, res),
  // 六.(二) 开放前的安全审查: the department's own reviewer signs off before the authority.
  'catalog.review.department': (actor, res) => staffOf('provider_reviewer')(actor, res) === true && !authored(actor, res),
  // Pending revisions, data versions, consistency reports and rejects: keepers and the authority.
  'catalog.internal.read': insider,
  'resource.preview': preview,
  'resource.rows.read': rowsRead,
  // Statistics describe the rows: public where the preview is, otherwise for those who read the rows
  // (a grantee sees those of the granted data items only: readableFields).
  'resource.stats': (actor, res) => preview(actor, res) || rowsRead(actor, res),
  // Downloads are rows too; a grant opens them only when its agreed delivery is download (二.3).
  'resource.download': (actor, res) => {
    const rows = rowsRead(actor, res);
    if (rows !== true || insider(actor, res) || res.openType !== 'restricted') return rows;
    return res.grant?.delivery === 'download' || 'DOWNLOAD_NOT_GRANTED';
  },
  // 二.2: a restricted entry's sample data set (抽样数据集, sensitive 数据项 masked) is for verified
  // users who accepted the licence, as unconditional data is; the data itself needs an application.
  'resource.sample.read': (actor, res) => {
    if (insider(actor, res)) return true;
    if (res.status !== 'published' || res.openType !== 'restricted') return actor.kind === 'visitor' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    if (actor.kind === 'visitor') return 'UNAUTHENTICATED';
    if (!actor.verified) return 'VERIFICATION_REQUIRED';
    if (!res.licenceAccepted) return 'LICENCE_REQUIRED';
    return true;
  },
  // Which rows the sample shows, and how many: the entry's keepers decide.
  'resource.sample.manage': catalogKeeper,
  // What a would-be applicant still lacks is their own business: any account asks it of an entry it can see.
  'catalog.eligibility': signedIn,
  'job.read': (actor, res) => (actor.kind === 'account' && res.ownerId === actor.id) || has('authority_admin')(actor, res),
  // 我要咨询: any account asks; the asker, the authority and the department it is sent to read it.
  'consultation.ask': signedIn,
  'consultation.read': (actor, res) => isOwner(actor, res) || authorityStaff(actor, res) === true || departmentStaff(actor, res) === true || 'NOT_FOUND',
  'consultation.dispatch': authorityStaff,
  // The authority answers, or the department it was sent to; nobody answers their own question.
  'consultation.reply': (actor, res) => (authorityStaff(actor, res) === true || departmentStaff(actor, res) === true) && !isOwner(actor, res),
  // Only the department it was sent to sends a question back to the authority that sent it.
  'consultation.return': (actor, res) => departmentStaff(actor, res) === true && !isOwner(actor, res),
  'consultation.withdraw': isOwner,
  // 受限开放 applications (二.2, 二.3): a verified account applies; the applicant, the authority and
  // the data's department read it; to anyone else it does not exist.
  'application.create': (actor) => (actor.kind === 'account' ? actor.verified || 'VERIFICATION_REQUIRED' : false),
  'application.read': (actor, res) => isOwner(actor, res) || authorityStaff(actor, res) === true || departmentStaff(actor, res) === true || 'NOT_FOUND',
  'application.amend': isOwner,
  'application.withdraw': isOwner,
  'application.sign': isOwner,
  // 规范性审查 and 协议备案 are the authority's; 需求审核, 需求复核 and the agreement's confirmation the department's reviewers'.
  'application.formalReview': authorityStaff,
  'application.demandReview': staffOf('provider_reviewer'),
  'application.agreementConfirm': staffOf('provider_reviewer'),
  'application.file': authorityStaff,
  // The grantee sees their grants; the authority and the data's department suspend or revoke one (六.(五)).
  'grant.read': (actor, res) => isOwner(actor, res) || authorityStaff(actor, res) === true || departmentStaff(actor, res) === true || 'NOT_FOUND',
  'grant.revoke': (actor, res) => authorityStaff(actor, res) === true || departmentStaff(actor, res) === true,
  // The 公共数据开放利用协议 template is public; the authority's administrators publish its versions.
  'agreementTemplate.read': everyone,
  'agreementTemplate.manage': has('authority_admin'),
  // 五.4: the grantee registers outcomes and returns the business data they produced.
  'grant.report': isOwner,
  // 工作台: staff's to-do lists; the authority's supervision of every department (七.2 督促检查).
  'workflow.tasks': either(has('provider_publisher', 'provider_reviewer'), authorityStaff),
  'workflow.supervise': authorityStaff,
  // Files for a step are uploaded first, by anyone who can take a step; who reads them is the case's business.
  'attachment.upload': signedIn,
  // A file no step has taken yet is its uploader's alone.
  'attachment.pending': isOwner,
  'licence.read': everyone,
  'licence.accept': signedIn,
  'licence.manage': has('authority_admin'),
  // 安全承诺书: public to read, versioned by the authority's administrator like the licence.
  'pledge.read': everyone,
  'pledge.manage': has('authority_admin'),
  // 目录采集: registering, running and removing harvest sources is the authority administrators'.
  'harvest.manage': has('authority_admin'),
} satisfies Record<string, Rule>;

function idOf(actor: Actor): string | undefined {
  return actor.kind === 'account' ? actor.id : undefined;
}

function isOwner(actor: Actor, res: PolicyResource): boolean {
  return actor.kind === 'account' && res.ownerId === actor.id;
}

/** The actor submitted, or wrote part of, what is under review. */
function authored(actor: Actor, res: PolicyResource): boolean {
  const id = idOf(actor);
  return id !== undefined && (res.ownerId === id || (res.contributorIds ?? []).includes(id));
}

export type Action = keyof typeof rules;
export const ACTIONS = Object.keys(rules) as Action[];

/**
 * Keys exist to read data, so a leaked one reads and nothing more: it cannot mint keys, change
 * the password, manage accounts or decide reviews — those need a signed-in session. Reading
 * people's data (accounts, verification requests, the audit log) needs one too.
 */
const READ_WITH_KEY: readonly Action[] = [
  'me.read', 'department.read', 'calendar.read', 'licence.read', 'pledge.read', 'catalog.search', 'catalog.read', 'catalog.console',
  'catalog.console.all', 'catalog.internal.read', 'resource.preview', 'resource.rows.read', 'resource.stats', 'resource.download', 'resource.sample.read', 'job.read',
];
const KEY_ACTIONS: Record<ApiKeyScope, ReadonlySet<Action>> = {
  read: new Set(READ_WITH_KEY),
  // Registering and running a resource's sources is uploading its data by other means.
  upload: new Set([...READ_WITH_KEY, 'resource.upload', 'source.manage', 'source.read']),
};

/** Allowed, or the reason why not (a visitor is asked to sign in unless the rule says more). */
export function decide(actor: Actor, action: Action, resource: PolicyResource = {}): true | ErrorCode {
  if (actor.kind === 'account' && actor.keyScope && !KEY_ACTIONS[actor.keyScope].has(action)) return 'SESSION_REQUIRED';
  const decision = rules[action](actor, resource);
  if (decision === true) return true;
  if (decision !== false) return decision;
  return actor.kind === 'visitor' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
}

export function can(actor: Actor, action: Action, resource?: PolicyResource): boolean {
  return decide(actor, action, resource) === true;
}

/**
 * The data items an actor's reads of a resource are limited to: null for every one (the data's
 * department and the authority; anyone reading unconditional data), the grant's for an actor
 * reading 受限开放 data through a grant (none without one). Whether the read is allowed at all
 * is `resource.rows.read`'s answer.
 */
export function readableFields(actor: Actor, res: PolicyResource): readonly string[] | null {
  if (insider(actor, res) || res.openType !== 'restricted') return null;
  return res.grant?.fields ?? [];
}

/**
 * The actions an actor may take on things of its own department, sent to the UI so it never
 * re-derives them from role names.
 */
export function permittedActions(actor: Actor): Action[] {
  const own: PolicyResource = { departmentId: actor.kind === 'account' ? actor.departmentId : null };
  return ACTIONS.filter((a) => can(actor, a, own));
}
