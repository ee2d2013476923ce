/**
 * 受限开放 before an application (rule 二.2): the conditions a restricted entry sets, and what a
 * would-be applicant still lacks. The conditions are one record per entry, the same for everyone
 * (不得设定歧视性条件): they speak of levels, kinds and capabilities, never of a person, so no
 * per-applicant condition can be written. Pure: no I/O.
 */
import { AppError, type ErrorCode } from './errors.js';
import { CREDIT_LEVELS, type CreditLevel } from './roles.js';

/** Who may apply. Accounts are verified as a person or an organization (users.verification_type). */
export const APPLICANT_TYPES = {
  person: { zh: '自然人', en: 'Natural persons' },
  organization: { zh: '法人或非法人组织', en: 'Legal persons and other organizations' },
  either: { zh: '自然人、法人或非法人组织均可', en: 'Persons and organizations alike' },
} as const;
export type ApplicantType = keyof typeof APPLICANT_TYPES;

/**
 * The data storage, processing and security-protection capabilities (二.2) an entry may require.
 * The applicant declares each in the application, with evidence; the reviewers judge it.
 */
export const SECURITY_CAPABILITIES = {
  mlps_level2: { zh: '信息系统通过网络安全等级保护二级及以上测评（等保二级及以上）', en: 'Systems certified at MLPS level 2 or above' },
  security_policy: { zh: '建立数据安全管理制度', en: 'A data security management policy' },
  security_staff: { zh: '配备专职数据安全管理人员', en: 'Dedicated data security staff' },
  domestic_storage: { zh: '数据存储和处理均在中华人民共和国境内', en: 'Data stored and processed within mainland China' },
  encryption: { zh: '数据加密存储和加密传输', en: 'Encryption at rest and in transit' },
  access_logging: { zh: '访问控制及操作日志留存不少于六个月', en: 'Access control, with operation logs kept at least six months' },
} as const;
export type SecurityCapability = keyof typeof SECURITY_CAPABILITIES;
export const SECURITY_CAPABILITY_CODES = Object.keys(SECURITY_CAPABILITIES) as SecurityCapability[];

/** The structured 开放条件 of a restricted entry (the free text stays the entry's `openConditions`). */
export interface RestrictedConditions {
  /** The lowest 信用等级 an applicant may hold; A is the best, D the worst. */
  minCreditLevel: CreditLevel;
  applicantType: ApplicantType;
  /** Capabilities the applicant declares, with evidence, in the application. */
  capabilities: SecurityCapability[];
  /** Whether the data may be delivered as downloads; otherwise only through the API (二.3 数据获取方式). */
  downloadAllowed?: boolean;
}

/** The conditions a platform starts from when nobody has set any (a migration import). */
export const BASELINE_CONDITIONS: RestrictedConditions = { minCreditLevel: 'B', applicantType: 'either', capabilities: ['security_policy', 'domestic_storage'] };

/** Whether an account's credit level reaches the minimum (levels not on the scale never do). */
export function meetsCreditLevel(level: string, minimum: CreditLevel): boolean {
  const rank = (CREDIT_LEVELS as readonly string[]).indexOf(level);
  return rank >= 0 && rank <= CREDIT_LEVELS.indexOf(minimum);
}

/** Refuses conditions that name a level, type or capability not on the lists, or one twice. */
export function checkConditions(c: RestrictedConditions): void {
  if (!CREDIT_LEVELS.includes(c.minCreditLevel)) throw new AppError('VALIDATION_FAILED', 'conditions.minCreditLevel');
  if (!Object.hasOwn(APPLICANT_TYPES, c.applicantType)) throw new AppError('VALIDATION_FAILED', 'conditions.applicantType');
  c.capabilities.forEach((code, i) => {
    if (!SECURITY_CAPABILITY_CODES.includes(code)) throw new AppError('VALIDATION_FAILED', `conditions.capabilities.${i}`, `未知的安全能力要求“${String(code).slice(0, 50)}”`);
    if (c.capabilities.indexOf(code) !== i) throw new AppError('VALIDATION_FAILED', `conditions.capabilities.${i}`, '安全能力要求重复');
  });
}

/** What the platform knows of the applicant: the account's facts, and the current licence's acceptance. */
export interface ApplicantFacts {
  verified: boolean;
  /** As what the account was verified; null until it is. */
  verifiedAs: 'person' | 'organization' | null;
  creditLevel: string;
  licenceAccepted: boolean;
}

/** Each is also an error code (domain/errors.ts): an application refused for it says the same. */
export type EligibilityCode = Extract<ErrorCode, 'VERIFICATION_REQUIRED' | 'CREDIT_LEVEL_TOO_LOW' | 'APPLICANT_TYPE_MISMATCH' | 'CONDITIONS_NOT_SET' | 'LICENCE_REQUIRED'>;

/** Something the applicant lacks, and what it stands in the way of: applying, the sample, or both. */
export interface Missing {
  code: EligibilityCode;
  message: string;
  blocks: ('application' | 'sample')[];
}

export interface Eligibility {
  /** Nothing the platform can check stands in the way of an application. */
  eligible: boolean;
  /** The sample data set may be downloaded. */
  sampleAllowed: boolean;
  missing: Missing[];
  /** What the applicant declares in the application (and the reviewers judge), not checked here. */
  declare: { code: SecurityCapability; message: string }[];
}

/**
 * What the platform can check before an application (二.2): real-name verification, the credit
 * level and the applicant type; and, for the sample, the accepted licence. Capabilities cannot
 * be checked by the platform: they are listed to declare. An entry without conditions (migrated
 * before they existed) cannot be applied for until its keepers set them.
 */
export function eligibility(facts: ApplicantFacts, conditions: RestrictedConditions | null): Eligibility {
  const missing: Missing[] = [];
  if (!facts.verified) {
    missing.push({ code: 'VERIFICATION_REQUIRED', message: '须先完成实名认证', blocks: ['application', 'sample'] });
  }
  if (!conditions) {
    missing.push({ code: 'CONDITIONS_NOT_SET', message: '开放主体尚未设定该目录的申请条件，暂不能申请，请通过“我要咨询”联系开放主体', blocks: ['application'] });
  } else {
    if (!meetsCreditLevel(facts.creditLevel, conditions.minCreditLevel)) {
      missing.push({
        code: 'CREDIT_LEVEL_TOO_LOW', blocks: ['application'],
        message: `须信用等级 ${conditions.minCreditLevel} 级及以上，您当前为 ${facts.creditLevel} 级`,
      });
    }
    // The type is known once verified; before that the missing verification says it all.
    if (facts.verifiedAs && conditions.applicantType !== 'either' && conditions.applicantType !== facts.verifiedAs) {
      missing.push({
        code: 'APPLICANT_TYPE_MISMATCH', blocks: ['application'],
        message: `仅限${APPLICANT_TYPES[conditions.applicantType].zh}申请，您的账号实名认证为${APPLICANT_TYPES[facts.verifiedAs].zh}`,
      });
    }
  }
  if (facts.verified && !facts.licenceAccepted) {
    missing.push({ code: 'LICENCE_REQUIRED', message: '下载样例数据前须阅读并同意最新版《数据开放授权许可使用协议》', blocks: ['sample'] });
  }
  return {
    eligible: !missing.some((m) => m.blocks.includes('application')),
    sampleAllowed: !missing.some((m) => m.blocks.includes('sample')),
    missing,
    declare: (conditions?.capabilities ?? []).map((code) => ({ code, message: `申请时须声明并提供证明材料：${SECURITY_CAPABILITIES[code].zh}` })),
  };
}
