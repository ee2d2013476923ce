/**
 * The 公共数据开放利用协议 signed for a restricted-data application (rules 二.3): the default
 * text a fresh install starts with, and the filling of a template with one application's values.
 * The authority edits and versions the text later; `templateProblems` is what it is checked
 * with when saved, so a mistyped placeholder is refused then rather than when an applicant signs.
 *
 * The text is plain lines that `renderAgreementPdf` lays out: "一、…" starts a clause, "1. …"
 * or "（一）…" a numbered item under it, "名称：…" (a short label before a full-width colon) a
 * field line, anything else a paragraph. The applicant's own words (purpose, scenario) end their
 * lines, so they read the same whether or not the applicant ended them with a full stop.
 */

/** Every placeholder a template may use; `fillTemplate` needs a value for each one it uses. */
export const AGREEMENT_PLACEHOLDERS = [
  'applicant', // 利用主体 (乙方): person's or organisation's name
  'applicantType', // 自然人 / 法人 / 非法人组织
  'department', // 开放主体 (甲方) providing the data
  'entryTitle', // the catalog entry's title
  'fields', // the granted 数据项, joined with 、
  'purpose',
  'scenario',
  'periodStart', // e.g. 2026年3月1日
  'periodEnd',
  'delivery', // 接口调用 / 数据下载
  'authority', // 公共数据主管部门, which files the agreement
  'applicationId',
  'date', // the day the text was produced
] as const;

export type AgreementPlaceholder = (typeof AGREEMENT_PLACEHOLDERS)[number];

export const DEFAULT_AGREEMENT_TITLE = '公共数据开放利用协议';

export const DEFAULT_AGREEMENT_TEMPLATE = `申请编号：{{applicationId}}
文本日期：{{date}}
甲方（公共数据开放主体）：{{department}}
乙方（公共数据利用主体）：{{applicant}}（{{applicantType}}）
备案机关（公共数据主管部门）：{{authority}}

为规范受限开放类公共数据的利用，保障数据安全，促进公共数据开发利用，根据公共数据开放有关法律、法规、规章和政策规定，乙方通过公共数据开放平台（以下简称“开放平台”）申请获取受限开放类公共数据，经公共数据主管部门规范性审查和甲方需求审核、需求复核通过。甲乙双方经协商一致，订立本协议，由甲方提交{{authority}}备案，共同遵守。

一、协议各方
1. 甲方是提供本协议项下公共数据的公共数据开放主体，按照本协议约定向乙方开放数据，并对乙方利用数据的行为进行监督。
2. 乙方是经实名认证、申请获取本协议项下公共数据的公共数据利用主体，应当具备与所获取数据相适应的数据存储、数据处理和数据安全保护能力，并达到规定的信用等级。
3. {{authority}}作为公共数据主管部门，负责本协议的备案，并对本协议的履行进行监督管理。

二、开放数据范围
1. 本协议项下的数据为甲方在开放平台发布的受限开放类公共数据“{{entryTitle}}”。
2. 甲方向乙方开放的数据项：{{fields}}
3. 乙方不得获取或者试图获取上述数据项以外的数据。

三、利用目的与应用场景
1. 乙方利用本协议项下数据的目的：{{purpose}}
2. 乙方利用本协议项下数据的应用场景：{{scenario}}
3. 乙方仅可在上述目的和应用场景范围内利用数据。确需变更目的或者应用场景的，应当通过开放平台重新提出申请，经审核同意并另行签订协议后方可利用。

四、利用期限
1. 数据利用期限自{{periodStart}}起至{{periodEnd}}止。
2. 期限届满需要继续利用的，乙方应当在期限届满前通过开放平台重新提出申请；未获同意的，期限届满后不得继续利用。

五、数据获取方式
1. 乙方通过开放平台以{{delivery}}方式获取本协议项下数据。
2. 乙方应当妥善保管开放平台分配的账号、接口密钥等访问凭证，不得转借他人使用；因凭证保管不善造成的后果由乙方承担。
3. 开放平台记录乙方获取和调用数据的情况，用于安全监测、审计和应用成效评估。

六、数据安全义务
1. 乙方应当对其信息系统进行安全防护，落实网络安全等级保护等制度要求，加强安全管理，确保所获取数据的安全，并在利用期限内持续保持与所获取数据相适应的数据存储、数据处理和数据安全保护能力。
2. 乙方应当将数据存储于中华人民共和国境内安全可控的环境中，采取访问控制、加密存储与传输、操作日志记录等措施，防止数据被非法获取、篡改、泄露或者不当利用。
3. 乙方应当建立数据安全管理制度，明确数据安全责任人，限定接触数据的人员范围，并对相关人员进行保密和安全教育。
4. 乙方不得通过技术手段对已脱敏数据进行还原，不得通过关联、比对等方式识别特定自然人，或者获取个人信息、商业秘密等依法受保护的信息。
5. 发生或者可能发生数据泄露、篡改、丢失等安全事件的，乙方应当立即采取补救措施，并及时告知甲方和{{authority}}。

七、禁止性约定
1. 乙方应当按照本协议的要求使用受限开放数据，不得以任何方式将获取的数据提供给第三方，包括出售、出租、转让、共享或者公开发布数据。
2. 乙方不得将数据用于本协议约定的目的和应用场景以外的用途。
3. 乙方利用数据不得危害国家安全和公共利益，不得损害他人的合法权益。

八、成果标注、登记与数据回传
1. 乙方利用本协议项下数据形成应用系统、研究报告、创新方案、传播产品等成果的，应当在成果中注明数据来源，即开放平台及甲方名称。
2. 乙方原则上应当自获取数据之日起3个月内完成应用成果，并在开放平台上登记发布。
3. 乙方应当将应用成果产生的业务数据及时回传至公共数据平台，用于完善提升数据质量和加强数据开放应用成效评估。
4. 乙方对其合法处理数据形成的数据产品和服务，依法享有法律、行政法规规定的财产权益。

九、数据销毁
1. 利用期限届满，本协议解除或者终止，或者乙方的数据获取权限被关闭的，乙方应当立即停止利用数据，并自该日起十个工作日内删除或者销毁所获取的数据及其全部副本（包括备份），通过开放平台提交销毁情况说明。
2. 乙方依法形成、不能还原出原始数据的统计分析结果和应用成果，不在销毁之列。

十、违约处理
1. 乙方违反本协议或者开放平台管理制度的，甲方或者{{authority}}可以视情节采取限制或者关闭乙方数据获取权限等措施，并在开放平台公示违法违规行为和处理措施；情节严重的，依法处理。
2. 乙方有下列情形之一的，甲方可以解除本协议，撤销对乙方的数据开放授权：（一）将数据提供给第三方的；（二）超出约定目的或者应用场景利用数据的；（三）发生数据安全事件且未及时采取补救措施的；（四）以欺骗等不正当手段获得授权的。
3. 乙方违约给甲方或者他人造成损失的，依法承担赔偿责任；构成犯罪的，依法追究刑事责任。
4. 数据获取权限被关闭或者授权被撤销的，乙方应当按照本协议第九条的约定销毁数据。

十一、其他
1. 本协议通过开放平台以电子方式签署，自甲乙双方均完成签署之日起生效，由甲方提交{{authority}}备案。开放平台记录的签署信息和协议文件摘要作为签署凭证。
2. 本协议履行中发生争议的，双方应当协商解决；协商不成的，依照法律规定的途径解决。
3. 本协议未尽事宜，按照国家和本地有关公共数据开放的法律、法规、规章和政策执行。

（以下无正文）`;

const KNOWN: ReadonlySet<string> = new Set(AGREEMENT_PLACEHOLDERS);
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * What is wrong with a template, one entry each, in order: placeholders not in
 * `AGREEMENT_PLACEHOLDERS` ("{{purpse}}") and braces left unpaired ("{purpose}}"), written as
 * they appear. Empty when the template can be filled.
 */
export function templateProblems(template: string): string[] {
  const problems = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(match[1] ?? '')) problems.add(match[0]);
  }
  // Braces left once the well-formed placeholders are gone are typos of one ("{purpose}}").
  const rest = template.replace(PLACEHOLDER, ' ');
  for (const match of rest.matchAll(/[\w{}]*[{}][\w{}]*/g)) problems.add(match[0]);
  return [...problems];
}

/**
 * The template with each `{{name}}` replaced by `values[name]`, inserted as it is (the text
 * goes to a PDF, not to HTML) except that line breaks become spaces: an applicant's purpose
 * cannot start a clause of its own. Throws when the template has problems or a placeholder
 * it uses has no value.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const problems = templateProblems(template);
  if (problems.length > 0) throw new Error(`The agreement template has unknown placeholders: ${problems.join(', ')}`);
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof value !== 'string') {
      missing.add(name);
      return '';
    }
    return singleLine(value);
  });
  if (missing.size > 0) throw new Error(`The agreement template needs values for: ${[...missing].join(', ')}`);
  return filled;
}

function singleLine(value: string): string {
  // Other control characters have no glyph and would print as boxes.
  // eslint-disable-next-line no-control-regex
  return value.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '').trim();
}
