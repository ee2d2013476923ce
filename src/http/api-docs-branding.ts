/**
 * The API documentation page (Swagger UI) in the portal's name: its title, and a logo that
 * leads back to the portal instead of the UI library's own.
 */
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="40" viewBox="0 0 260 40">
<rect width="40" height="40" rx="9" fill="#1456b8"/>
<circle cx="20" cy="20" r="10.5" fill="none" stroke="#fff" stroke-width="2.5"/>
<path d="M9.5 20h21M20 9.5c-3.7 3-3.7 18 0 21M20 9.5c3.7 3 3.7 18 0 21" fill="none" stroke="#fff" stroke-width="2"/>
<text x="52" y="27" font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif" font-size="18" fill="#fff">数开 · 返回门户</text>
</svg>`;

export const API_DOCS_BRANDING = {
  theme: { title: '数开 Shukai · 接口文档' },
  logo: { type: 'image/svg+xml', content: LOGO, href: '/', target: '_self' as const },
};
