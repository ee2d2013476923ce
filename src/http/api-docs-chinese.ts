/**
 * Swagger UI speaks English and has no translations of its own: this script, served beside it,
 * puts its labels ("Try it out", "Parameters", "Responses" …) into Chinese as they appear, so
 * the whole documentation page reads in one language. Only whole labels are replaced, never
 * the API's own text.
 */
const LABELS: Record<string, string> = {
  'Try it out': '试一试', 'Cancel': '取消', 'Execute': '执行', 'Clear': '清除', 'Parameters': '参数', 'No parameters': '无参数',
  'Responses': '响应', 'Response body': '响应内容', 'Response headers': '响应头', 'Request body': '请求体', 'Request URL': '请求地址',
  'Server response': '服务器响应', 'Code': '状态码', 'Description': '说明', 'Details': '详情', 'Links': '链接', 'No links': '无链接',
  'Name': '名称', 'Example Value': '示例值', 'Schema': '结构', 'Schemas': '数据结构', 'Media type': '媒体类型',
  'Controls Accept header.': '决定 Accept 请求头。', 'Authorize': '认证', 'Available authorizations': '可用的认证方式', 'Close': '关闭',
  'Logout': '退出', 'Servers': '服务器', 'Download': '下载', 'Curl': 'curl 命令', 'Undocumented': '未说明', 'Loading...': '加载中…',
  'Value:': '值：', 'Default value': '默认值', 'Filter by tag': '按分组筛选', 'Example': '示例', 'Examples': '示例',
  'Send empty value': '发送空值', 'Default Response': '默认响应', 'Default': '默认', 'required': '必填', 'Explore': '浏览',
};

/**
 * Plain JavaScript as the browser runs it, kept as text: a compiled function's source could
 * carry the bundler's helpers (esbuild's keepNames) that the page does not have.
 */
const TRANSLATE = `(function (labels) {
  document.documentElement.lang = 'zh-CN';
  function fix(node) {
    var text = node.nodeValue || '';
    var label = Object.prototype.hasOwnProperty.call(labels, text.trim()) ? labels[text.trim()] : undefined;
    if (label) node.nodeValue = text.replace(text.trim(), label);
  }
  function walk(root) {
    if (root.nodeType === Node.TEXT_NODE) return fix(root);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) fix(node);
  }
  walk(document.body);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === 'characterData') walk(change.target.parentNode || change.target);
      change.addedNodes.forEach(walk);
    });
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})`;

/** The script as Swagger UI's theme serves it (a file: the content security policy allows no inline script). */
export const API_DOCS_CHINESE = {
  filename: 'chinese-labels.js',
  content: `${TRANSLATE}(${JSON.stringify(LABELS)});`,
};
