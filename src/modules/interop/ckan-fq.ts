/**
 * CKAN's filter queries (`fq`, Solr's Lucene syntax) as a catalog search condition. Understood:
 * `field:value`, `field:"quoted value"`, `field:(a OR b)`, ranges `field:[a TO b]` / `{a TO b}`
 * with `*` open ends, AND / OR / NOT (also `&&`, `||`, `!`), `-` and `+` prefixes, parentheses,
 * and clauses side by side meaning AND (CKAN runs Solr with q.op=AND). NOT binds tighter than
 * AND, AND tighter than OR. Anything else is refused with a message naming it: nothing here is
 * ever passed on as query syntax.
 */
import { AppError } from '../../domain/errors.js';
import type { Condition, Facet } from '../search/facet-index.js';

const MAX_CHARS = 2000;
const MAX_CLAUSES = 100;
const MAX_DEPTH = 10;

/** fq fields naming a facet of the catalog. */
const FACET_FIELDS: Record<string, Facet> = {
  organization: 'department', owner_org: 'department', groups: 'domain', domain: 'domain', tags: 'tag',
  res_format: 'format', open_type: 'openType', update_frequency: 'frequency',
};
/** Fields every listed entry has the same value in: a clause on them is true or false outright. */
const CONSTANT_FIELDS: Record<string, string> = { capacity: 'public', state: 'active', dataset_type: 'dataset', type: 'dataset' };
const DATE_FIELDS = { metadata_modified: 'updated', metadata_created: 'created' } as const;
const FIELDS = [...Object.keys(FACET_FIELDS), 'id', 'name', ...Object.keys(DATE_FIELDS), 'num_resources', ...Object.keys(CONSTANT_FIELDS)];

const TRUE: Condition = { all: [] };
const FALSE: Condition = { any: [] };

type Token =
  | { kind: 'open' | 'close' | 'and' | 'or' | 'not' | 'must' | 'everything' }
  | { kind: 'field'; name: string }
  | { kind: 'value'; text: string; quoted: boolean }
  | { kind: 'range'; from: string; to: string; fromInclusive: boolean; toInclusive: boolean };

function refuse(message: string): never {
  throw new AppError('INVALID_QUERY', 'fq', message);
}

/** Splits the text into tokens; a field is a name directly followed by a colon. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) { i += space[0].length; continue; }
    if (rest.startsWith('*:*')) { tokens.push({ kind: 'everything' }); i += 3; continue; }
    const c = text[i]!;
    if (c === '(' || c === ')') { tokens.push({ kind: c === '(' ? 'open' : 'close' }); i++; continue; }
    if (rest.startsWith('&&')) { tokens.push({ kind: 'and' }); i += 2; continue; }
    if (rest.startsWith('||')) { tokens.push({ kind: 'or' }); i += 2; continue; }
    if (c === '-' || c === '!') { tokens.push({ kind: 'not' }); i++; continue; }
    if (c === '+') { tokens.push({ kind: 'must' }); i++; continue; }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) refuse('引号不成对');
      tokens.push({ kind: 'value', text: text.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    if (c === '[' || c === '{') {
      const m = /^[[{]\s*(\S+)\s+TO\s+(\S+?)\s*([\]}])/.exec(rest);
      if (!m) refuse(`无法识别的范围“${rest.slice(0, 60)}”（形式为 [起 TO 止]，* 表示不限）`);
      tokens.push({ kind: 'range', from: m[1]!, to: m[2]!, fromInclusive: c === '[', toInclusive: m[3] === ']' });
      i += m[0].length;
      continue;
    }
    const field = /^([A-Za-z_][A-Za-z0-9_]*):/.exec(rest);
    if (field) { tokens.push({ kind: 'field', name: field[1]! }); i += field[0].length; continue; }
    // A bare word runs to whitespace or a parenthesis; a backslash escapes the next character.
    const word = /^(?:\\.|[^\s()"])+/.exec(rest)!;
    const raw = word[0];
    if (raw === 'AND' || raw === 'OR' || raw === 'NOT') tokens.push({ kind: raw === 'AND' ? 'and' : raw === 'OR' ? 'or' : 'not' });
    else tokens.push({ kind: 'value', text: raw.replace(/\\(.)/g, '$1'), quoted: false });
    i += raw.length;
  }
  return tokens;
}

/** A recursive-descent reader over the tokens; `leaf` makes the condition for one field's value. */
class Reader {
  private at = 0;
  private clauses = 0;
  constructor(private readonly tokens: Token[], private readonly leaf: (field: string, value: Token) => Condition) {}

  read(): Condition {
    const c = this.or(undefined, 0);
    if (this.at < this.tokens.length) refuse('括号不成对');
    return c;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private or(field: string | undefined, depth: number): Condition {
    const parts = [this.and(field, depth)];
    while (this.peek()?.kind === 'or') {
      this.at++;
      parts.push(this.and(field, depth));
    }
    return parts.length === 1 ? parts[0]! : { any: parts };
  }

  private and(field: string | undefined, depth: number): Condition {
    const parts = [this.unary(field, depth)];
    for (let t = this.peek(); t && t.kind !== 'or' && t.kind !== 'close'; t = this.peek()) {
      if (t.kind === 'and') this.at++;
      parts.push(this.unary(field, depth));
    }
    return parts.length === 1 ? parts[0]! : { all: parts };
  }

  private unary(field: string | undefined, depth: number): Condition {
    const t = this.peek();
    if (t?.kind === 'not') { this.at++; return { not: this.unary(field, depth) }; }
    if (t?.kind === 'must') { this.at++; return this.unary(field, depth); }
    return this.primary(field, depth);
  }

  private primary(field: string | undefined, depth: number): Condition {
    const t = this.tokens[this.at++];
    if (++this.clauses > MAX_CLAUSES) refuse(`筛选条件过多（最多 ${MAX_CLAUSES} 项）`);
    if (!t) refuse('筛选条件不完整');
    if (t.kind === 'open') {
      if (depth >= MAX_DEPTH) refuse(`括号嵌套过深（最多 ${MAX_DEPTH} 层）`);
      const inner = this.or(field, depth + 1);
      if (this.tokens[this.at++]?.kind !== 'close') refuse('括号不成对');
      return inner;
    }
    if (t.kind === 'everything' && field === undefined) return TRUE;
    if (t.kind === 'field' && field === undefined) {
      if (!FIELDS.includes(t.name)) refuse(`不支持按“${t.name.slice(0, 50)}”筛选（支持 ${FIELDS.join('、')}）`);
      const next = this.peek();
      if (next?.kind === 'open') return this.primary(t.name, depth);
      this.at++;
      if (next?.kind !== 'value' && next?.kind !== 'range') refuse(`“${t.name}:”后缺少取值`);
      return this.leaf(t.name, next);
    }
    if ((t.kind === 'value' || t.kind === 'range') && field !== undefined) return this.leaf(field, t);
    if (t.kind === 'value') refuse(`无法识别的筛选条件“${t.text.slice(0, 50)}”（形式为 字段:取值，支持 ${FIELDS.join('、')}）`);
    return refuse('无法识别的筛选条件');
  }
}

/** A Solr date (2024-01-01T00:00:00Z, with or without time or fraction; NOW, NOW-7DAYS) as our ISO text. */
function dateBound(text: string, now: Date): string | undefined {
  if (text === '*') return undefined;
  const relative = /^NOW(?:([+-])(\d{1,5})(DAYS?|HOURS?|MINUTES?))?$/.exec(text);
  if (relative) {
    const unit = relative[3]?.startsWith('DAY') ? 86_400_000 : relative[3]?.startsWith('HOUR') ? 3_600_000 : 60_000;
    const shift = relative[1] ? Number(relative[2]) * unit * (relative[1] === '-' ? -1 : 1) : 0;
    return new Date(now.getTime() + shift).toISOString();
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(\.\d+)?)?Z?$/.exec(text);
  const date = m && new Date(`${m[1]}T${m[2] ?? '00:00:00'}${(m[3] ?? '').slice(0, 4)}Z`);
  if (!date || Number.isNaN(date.getTime())) refuse(`无法识别的时间“${text.slice(0, 40)}”（形式为 2024-01-01T00:00:00Z、NOW 或 NOW-7DAYS，* 表示不限）`);
  return date.toISOString();
}

function countBound(text: string, open: number): number {
  if (text === '*') return open;
  if (!/^\d{1,6}$/.test(text)) refuse(`num_resources 的取值须为整数或 *，而不是“${text.slice(0, 20)}”`);
  return Number(text);
}

/** The condition one field's value stands for. */
function leaf(field: string, value: Token, now: Date): Condition {
  if (value.kind === 'range') {
    if (Object.hasOwn(DATE_FIELDS, field)) {
      return { dates: DATE_FIELDS[field as keyof typeof DATE_FIELDS], from: dateBound(value.from, now), to: dateBound(value.to, now), fromInclusive: value.fromInclusive, toInclusive: value.toInclusive };
    }
    if (field === 'num_resources') {
      const min = countBound(value.from, 0) + (value.fromInclusive ? 0 : 1);
      const max = countBound(value.to, Infinity) - (value.toInclusive ? 0 : 1);
      return { dataResources: { min, max } };
    }
    return refuse(`“${field}”不能按范围筛选（可按范围筛选：metadata_modified、metadata_created、num_resources）`);
  }
  if (value.kind !== 'value') return refuse('无法识别的筛选条件');
  const text = value.text;
  if (!value.quoted && /[*?~^]/.test(text)) refuse(`不支持通配或模糊匹配“${text.slice(0, 50)}”`);
  if (Object.hasOwn(FACET_FIELDS, field)) {
    const facet = FACET_FIELDS[field]!;
    return { facet, value: facet === 'format' ? text.toUpperCase() : text };
  }
  if (field === 'id' || field === 'name') return { id: text };
  if (Object.hasOwn(DATE_FIELDS, field)) {
    const at = dateBound(text, now);
    return { dates: DATE_FIELDS[field as keyof typeof DATE_FIELDS], from: at, to: at, fromInclusive: true, toInclusive: true };
  }
  if (field === 'num_resources') {
    const n = countBound(text, 0);
    return { dataResources: { min: n, max: n } };
  }
  return CONSTANT_FIELDS[field] === text ? TRUE : FALSE;
}

/** The condition an fq stands for, or a refusal saying what was not understood. */
export function conditionOfFq(fq: string, now = new Date()): Condition {
  if (fq.length > MAX_CHARS) refuse(`筛选条件过长（最多 ${MAX_CHARS} 个字符）`);
  const tokens = tokenize(fq);
  if (tokens.length === 0) return TRUE;
  return new Reader(tokens, (field, value) => leaf(field, value, now)).read();
}
