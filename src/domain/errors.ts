/**
 * The one catalogue of errors: a stable code, its HTTP status, and its message in Chinese
 * and English. Services throw `AppError`; the HTTP layer renders it as
 * `{ error: { code, message, field? } }`.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不正确', en: 'The request is not valid' },
  // Refused before any route: an address that is not percent-encoded UTF-8, bytes the HTTP parser
  // rejects, a body cut off by the client.
  MALFORMED_REQUEST: { status: 400, zh: '请求无法解析（格式有误或不完整）', en: 'The request cannot be read (malformed or incomplete)' },
  INVALID_PHONE: { status: 400, zh: '手机号码格式不正确', en: 'The mobile number is not valid' },
  INVALID_EMAIL: { status: 400, zh: '电子邮箱格式不正确', en: 'The email address is not valid' },
  WEAK_PASSWORD: {
    status: 400,
    zh: '密码至少 10 位，且须包含大写字母、小写字母、数字和符号中的至少三类',
    en: 'The password needs at least 10 characters from at least three of: upper case, lower case, digits, symbols',
  },
  INVALID_ID_NUMBER: { status: 400, zh: '居民身份证号码不正确（校验位或出生日期有误）', en: 'The ID number is not valid (check character or birth date)' },
  INVALID_CREDIT_CODE: { status: 400, zh: '统一社会信用代码不正确（校验位有误）', en: 'The unified social credit code is not valid (check character)' },
  PHONE_TAKEN: { status: 409, zh: '该手机号码已注册', en: 'This mobile number is already registered' },
  EMAIL_TAKEN: { status: 409, zh: '该电子邮箱已被使用', en: 'This email address is already in use' },
  NAME_TAKEN: { status: 409, zh: '名称已被使用', en: 'This name is already in use' },
  BAD_CREDENTIALS: { status: 401, zh: '账号或密码错误', en: 'Wrong account or password' },
  ACCOUNT_LOCKED: { status: 429, zh: '登录失败次数过多，请 15 分钟后再试', en: 'Too many failed sign-ins; try again in 15 minutes' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  INVALID_API_KEY: { status: 401, zh: 'API 密钥无效或已吊销', en: 'The API key is not valid or has been revoked' },
  CSRF_FAILED: { status: 403, zh: '请求校验失败，请刷新页面后重试', en: 'Request verification failed; reload the page and try again' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '请求的资源不存在', en: 'Not found' },
  ALREADY_VERIFIED: { status: 409, zh: '已通过实名认证', en: 'Already verified' },
  VERIFICATION_PENDING: { status: 409, zh: '实名认证正在审核中', en: 'A verification request is already pending' },
  ALREADY_DECIDED: { status: 409, zh: '该申请已处理', en: 'This request has already been decided' },
  SELF_REVIEW: { status: 403, zh: '不能审核本人的申请', en: 'You cannot decide on your own request' },
  REASON_REQUIRED: { status: 400, zh: '驳回时须填写理由', en: 'A reason is required when rejecting' },
  CONFLICT: { status: 409, zh: '操作冲突：该内容刚被他人修改或处理，请刷新后重试', en: 'Conflict: this was just changed by someone else; reload and try again' },
  SESSION_REQUIRED: {
    status: 403,
    zh: '此操作须登录网页后进行：API 密钥只能读取数据（上传权限的密钥还可上传数据新版本）',
    en: 'Sign in to do this: an API key only reads data (and, with the upload scope, uploads new versions)',
  },
  ROLES_CONFLICT: { status: 400, zh: '角色不能兼任', en: 'These roles cannot be held together' },
  SECOND_ADMIN_REQUIRED: {
    status: 403,
    zh: '管理员或安全审计员的账号及权限变更须由另一名管理员复核，不能由一名管理员直接完成',
    en: 'Changes to an administrator or security auditor account need a second administrator',
  },
  WRONG_PASSWORD: { status: 400, zh: '密码不正确', en: 'The password is wrong' },
  CALENDAR_YEAR_MISSING: {
    status: 500,
    zh: '工作日历未覆盖该年份，请管理员导入或维护该年度节假日安排',
    en: 'The working-day calendar does not cover this year; an administrator must import it',
  },
  // A caller's question beyond the calendar: theirs to hear, no fault for the operator to mend.
  CALENDAR_YEAR_NOT_COVERED: { status: 400, zh: '工作日历尚未覆盖所查询的年份', en: 'The working-day calendar does not cover the year asked about' },
  VERIFIER_UNAVAILABLE: { status: 400, zh: '当前配置的实名核验方式不支持此操作', en: 'The configured identity verifier does not support this' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  HEADERS_TOO_LARGE: { status: 431, zh: '请求头过大', en: 'The request headers are too large' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  RESET_CODE_INVALID: { status: 400, zh: '验证码错误或已失效，请重新获取', en: 'The code is wrong or no longer valid; ask for a new one' },
  // Catalog and datastore
  INVALID_QUERY: { status: 400, zh: '查询参数不正确', en: 'The query parameter is not valid' },
  UNKNOWN_FIELD: { status: 400, zh: '数据项不存在', en: 'No such field' },
  BAD_CURSOR: { status: 400, zh: '分页游标无效或已过期', en: 'The cursor is not valid' },
  UNSUPPORTED_FORMAT: { status: 415, zh: '不支持的文件格式（支持 CSV、TSV、XLSX、JSON）', en: 'Unsupported file format (CSV, TSV, XLSX, JSON)' },
  MALFORMED_FILE: { status: 400, zh: '文件内容无法解析', en: 'The file cannot be parsed' },
  EMPTY_FILE: { status: 400, zh: '文件为空或没有数据行', en: 'The file is empty or has no data rows' },
  ENCODING_ERROR: { status: 400, zh: '无法识别文件的字符编码（支持 UTF-8、GBK、GB18030）', en: 'Unknown character encoding (UTF-8, GBK, GB18030 are supported)' },
  ROWS_REJECTED: { status: 422, zh: '部分数据行不符合数据项定义，严格模式下整批未导入', en: 'Some rows break the declared fields; in strict mode nothing was loaded' },
  FILE_TOO_LARGE: { status: 413, zh: '文件超过大小限制', en: 'The file is larger than allowed' },
  SCHEMA_MISMATCH: { status: 409, zh: '数据项定义与上一版本数据不兼容，请改用替换方式更新', en: 'The fields do not fit the previous version; replace the data instead' },
  DUPLICATE_KEY: { status: 409, zh: '主键值重复，无法按主键更新', en: 'The key has duplicate values; an upsert needs a unique key' },
  INVALID_TRANSITION: { status: 409, zh: '当前状态下不能执行此操作', en: 'This action is not possible in the current state' },
  LICENCE_REQUIRED: { status: 403, zh: '请先阅读并同意最新版《数据开放授权许可使用协议》', en: 'Accept the current data licence first' },
  VERIFICATION_REQUIRED: { status: 403, zh: '请先完成实名认证', en: 'Real-name verification is required' },
  // 受限开放: a grant opens the API; downloads only when its agreed delivery is download (二.3).
  DOWNLOAD_NOT_GRANTED: {
    status: 403,
    zh: '您的数据使用授权约定通过接口调用获取数据，不含下载',
    en: 'Your data-use grant delivers the data through the API only, not by download',
  },
  CONDITIONS_REQUIRED: { status: 400, zh: '受限开放目录须填写开放条件', en: 'Restricted entries need open conditions' },
  // Restricted data (二.2): what an applicant may lack, as the eligibility check and an application name it.
  NOT_RESTRICTED: { status: 409, zh: '该目录不是受限开放目录，无须申请', en: 'This entry is not restricted: no application is needed' },
  CONDITIONS_NOT_SET: { status: 409, zh: '该目录尚未设定申请条件，暂不能申请', en: 'This entry has no application conditions yet' },
  CREDIT_LEVEL_TOO_LOW: { status: 403, zh: '信用等级未达到该目录的申请条件', en: 'Your credit level is below what this entry requires' },
  APPLICANT_TYPE_MISMATCH: { status: 403, zh: '申请人类型不符合该目录的申请条件', en: 'This entry is not open to applicants of your kind' },
  // Source systems (数据汇聚) and catalogs harvested from elsewhere: reached only within SHUKAI_SOURCE_HOSTS.
  SOURCE_HOST_NOT_ALLOWED: { status: 400, zh: '数据源地址不在允许访问的范围内', en: 'The source host is not on the allowed list' },
  SOURCE_UNREACHABLE: { status: 502, zh: '数据源无法访问', en: 'The source cannot be reached' },
  // Sources' registration and runs (modules/sources).
  SOURCE_QUERY_REFUSED: { status: 400, zh: '数据源查询须为单条只读 SELECT 语句', en: 'A source query must be one read-only SELECT statement' },
  SOURCE_HTTP_ERROR: { status: 502, zh: '数据源返回了错误状态', en: 'The source answered with an error status' },
  SOURCE_LOGIN_FAILED: { status: 502, zh: '数据源数据库登录失败（用户名或密码错误，或无权访问该数据库）', en: 'Signing in to the source database failed' },
  SOURCE_QUERY_FAILED: { status: 502, zh: '数据源查询执行失败', en: 'The source query failed' },
  SOURCE_TOO_MANY_ROWS: { status: 413, zh: '数据源查询结果行数超过上限', en: 'The source query answered too many rows' },
  // 目录采集 (harvest): another portal's catalog imported as one department's entries.
  HARVEST_NOT_CATALOG: { status: 502, zh: '来源返回的内容不是可识别的 CKAN 或 DCAT 目录', en: 'The source did not answer with a CKAN or DCAT catalog' },
  HARVEST_TOO_LARGE: { status: 502, zh: '来源目录超出单次采集的上限', en: 'The source catalog exceeds what one harvest reads' },
  HARVESTED_ENTRY: { status: 409, zh: '该目录由目录采集自动维护，请在来源系统中修改，或暂停、删除其采集源', en: 'This entry is kept by a harvest; change it at its source, or pause or delete the harvest source' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** The input field at fault, named in the response so a form can mark it. */
    readonly field?: string,
    /** Extra Chinese detail appended to the catalogue message. */
    readonly detail?: string,
  ) {
    super(`${code}${field ? ` (${field})` : ''}${detail ? `: ${detail}` : ''}`);
    this.status = errorCatalogue[code].status;
  }
}

/**
 * A failure as an operator or a job record should read it: the stable code and the Chinese
 * message, naming the field when it is one of the data's (the uploaded file needs no naming).
 */
export function describeError(err: unknown): string {
  if (err instanceof AppError) {
    const field = err.field && err.field !== 'file' ? `（${err.field}）` : '';
    return `${err.code}: ${errorCatalogue[err.code].zh}${field}${err.detail ? `：${err.detail}` : ''}`;
  }
  return err instanceof Error ? err.message : String(err);
}
