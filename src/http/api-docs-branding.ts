/**
 * The API documentation page (Swagger UI) in the portal's name and language: its title, a logo
 * that leads back to the portal instead of the UI library's own, an introduction in Chinese,
 * and the operations grouped by audience with worked examples.
 */
import { groupByAudience } from './api-docs-audiences.js';
import { API_DOCS_CHINESE } from './api-docs-chinese.js';
import { addWorkedExamples } from './api-docs-examples.js';

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="40" viewBox="0 0 260 40">
<rect width="40" height="40" rx="9" fill="#1456b8"/>
<circle cx="20" cy="20" r="10.5" fill="none" stroke="#fff" stroke-width="2.5"/>
<path d="M9.5 20h21M20 9.5c-3.7 3-3.7 18 0 21M20 9.5c3.7 3 3.7 18 0 21" fill="none" stroke="#fff" stroke-width="2"/>
<text x="52" y="27" font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif" font-size="18" fill="#fff">数开 · 返回门户</text>
</svg>`;

export const API_DOCS_BRANDING = {
  theme: { title: '数开 Shukai · 接口文档', js: [API_DOCS_CHINESE] },
  logo: { type: 'image/svg+xml', content: LOGO, href: '/', target: '_self' as const },
};

export const API_DOCS_DESCRIPTION = [
  '杭州市公共数据开放平台的接口。按使用者分组：**公开目录**（无需登录）、**数据接口**（数据利用主体读取数据）、**CKAN 兼容**（ckanapi 与采集器）、**账户**、**管理**（开放主体与主管部门），门户网页自用的**内部接口**在最后。',
  '',
  '- 认证：浏览器使用登录会话（Cookie `shukai_session`，写操作另带 `X-CSRF-Token`）；程序使用 API 密钥，`Authorization: Bearer <key>:<secret>`（CKAN 接口也接受不带 Bearer 的写法）。',
  '- 地址中的中文和 JSON 须按 UTF-8 百分号编码（curl 用 `-G --data-urlencode`）。',
  '- 错误格式：`{ "error": { "code", "message", "field?" } }`，`code` 稳定可供程序判断，`message` 为中文说明（`Accept-Language: en` 时为英文）；CKAN 接口为 CKAN 的 `{ help, success: false, error: { __type, message } }`。',
  '- 数据接口的示例使用演示数据，可照原样运行。',
].join('\n');

/** The generated document, grouped and with its worked examples (@fastify/swagger's transformObject). */
export function arrangeApiDocs<T extends object>(document: T): T {
  const grouped = groupByAudience(document as Parameters<typeof groupByAudience>[0]);
  addWorkedExamples((grouped.paths ?? {}) as Parameters<typeof addWorkedExamples>[0]);
  return document;
}
