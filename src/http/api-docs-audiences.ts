/**
 * The API documentation grouped by who calls each route, not by the module that serves it: a
 * harvester wants the public catalog and CKAN, a data user the data routes, a department the
 * management ones. Decided here by address and method, so a route joins its group without its
 * module knowing; the web app's own routes come last.
 */

export const AUDIENCES = [
  { name: '公开目录', description: '无需登录：检索与浏览公开目录、开放主体、DCAT-AP 目录描述、协议文本' },
  { name: '数据接口', description: '数据利用主体读取数据：查询记录、统计、下载、抽样数据集（须实名认证并同意授权协议；API 密钥放在 Authorization: Bearer <key>:<secret>）' },
  { name: 'CKAN 兼容', description: 'CKAN Action API（第 3 版）的读取接口，供 ckanapi 等客户端和采集器使用；回答为 CKAN 的 { help, success, result | error } 格式' },
  { name: '账户', description: '登录用户本人的事：注册登录、个人资料、实名认证、API 密钥、站内信、受限开放数据的申请与授权、咨询' },
  { name: '管理', description: '开放主体与主管部门的工作：目录与数据维护、审核、用户与部门、授权管理、审计、工作日历、系统' },
  { name: '内部接口', description: '门户网页自用的接口（会话、表单选项、页面提示），不承诺对外稳定' },
] as const;

export type Audience = (typeof AUDIENCES)[number]['name'];

type Rule = [methods: string, path: RegExp, audience: Audience];

/** First match wins; a route no rule names is management's. Paths are in OpenAPI form (`{id}`). */
const RULES: Rule[] = [
  ['*', /^\/api\/(3|action)(\/|$)/, 'CKAN 兼容'],
  ['GET', /^\/api\/v1\/auth\/session$/, '内部接口'],
  ['GET', /^\/api\/v1\/catalog\/(options|\{id\}\/(access|eligibility))$/, '内部接口'],
  ['GET', /^\/api\/v1\/roles$/, '内部接口'],
  ['GET', /^\/api\/v1\/me\/verification\/oidc(\/callback)?$/, '内部接口'],
  ['GET', /^\/api\/v1\/resources\/\{id\}\/(records|stats|download|sample)$/, '数据接口'],
  ['GET', /^\/api\/v1\/catalog\/changes$/, '数据接口'],
  ['GET', /^\/api\/v1\/catalog(\.\w+)?$/, '公开目录'],
  ['GET', /^\/api\/v1\/catalog\/\{id\}(\.\w+)?$/, '公开目录'],
  ['GET', /^\/api\/v1\/catalog\/\{id\}\/history$/, '公开目录'],
  ['GET', /^\/api\/v1\/(departments|licence|pledge|agreement-template)(\/|$)/, '公开目录'],
  ['GET', /^\/api\/v1\/consultations$/, '公开目录'],
  ['*', /^\/api\/v1\/(auth|me)(\/|$)/, '账户'],
  ['POST', /^\/api\/v1\/licence\/accept$/, '账户'],
  ['*', /^\/api\/v1\/attachments(\/|$)/, '账户'],
  // A data user's side of an application, a grant and a question; deciding them is management's.
  ['GET', /^\/api\/v1\/applications$/, '管理'], // the staff's list; a user's is /me/applications
  ['POST|PATCH|GET', /^\/api\/v1\/applications(\/\{id\}(\/(submit|withdraw|agreement\/sign|agreement\.pdf))?)?$/, '账户'],
  ['GET|POST', /^\/api\/v1\/grants\/\{id\}(\/(outcomes|returns(\/\{fileId\})?))?$/, '账户'],
  ['POST|GET', /^\/api\/v1\/consultations(\/\{id\}(\/withdraw)?)?$/, '账户'],
];

export function audienceOf(method: string, path: string): Audience {
  for (const [methods, pattern, audience] of RULES) {
    if ((methods === '*' || methods.split('|').includes(method.toUpperCase())) && pattern.test(path)) return audience;
  }
  return '管理';
}

interface OpenApiDocument {
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, { tags?: string[] }>>;
}

/**
 * The generated document as readers get it: every operation under its audience (the module's
 * own tag dropped), the audiences described and in order, internal routes last.
 */
export function groupByAudience<T extends OpenApiDocument>(document: T): T {
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) operation.tags = [audienceOf(method, path)];
  }
  document.tags = AUDIENCES.map(({ name, description }) => ({ name, description }));
  return document;
}
