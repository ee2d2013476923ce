/**
 * The first guard on a database source's query: one SELECT (or WITH … SELECT) statement, with
 * nothing in it that writes, locks or leaves the database. The text is only the first guard:
 * the query also runs inside a read-only transaction, wrapped as a subquery, under a statement
 * timeout (fetch-database.ts), so what slips past this reading still cannot change anything.
 */
import { AppError } from '../../domain/errors.js';

const FORBIDDEN = new Set([
  'insert', 'update', 'delete', 'merge', 'drop', 'alter', 'create', 'truncate', 'grant', 'revoke',
  'into', 'lock', 'call', 'execute', 'copy', 'set', 'outfile', 'dumpfile',
]);

/** Answers the statement without comments and a trailing semicolon; refuses anything but a single read-only SELECT. */
export function readOnlySelect(text: string): string {
  // Whether a backslash escapes the next quote depends on the engine and its settings
  // (PostgreSQL's standard_conforming_strings, E'' strings, MySQL's double-quoted strings and
  // NO_BACKSLASH_ESCAPES): where this reading and the server's differed, a quote could end a
  // string here and not there, hiding a second statement or an INTO OUTFILE. Without
  // backslashes every engine reads quotes alike.
  if (text.includes('\\')) throw refused('不能包含反斜杠（\\）；需要转义时请用 ESCAPE 子句指定其他字符');
  const { code, kept, words } = tokens(text);
  const statement = code.trim().replace(/;\s*$/, '').trim();
  if (!statement) throw refused('查询语句为空');
  if (statement.includes(';')) throw refused('只能包含一条语句');
  if (words[0] !== 'select' && words[0] !== 'with') throw refused('须以 SELECT 或 WITH 开头');
  const bad = words.find((w) => FORBIDDEN.has(w));
  if (bad) throw refused(`不能包含 ${bad.toUpperCase()}`);
  if (/\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i.test(statement)) throw refused('不能加锁（FOR UPDATE / FOR SHARE）');
  return kept.trim().replace(/;\s*$/, '').trim();
}

function refused(detail: string): AppError {
  return new AppError('SOURCE_QUERY_REFUSED', 'query', detail);
}

/**
 * The statement with comments removed and string literals and quoted names blanked (so a `;`
 * or a word inside them is not read as code), the same with them kept (what is run), and the
 * lower-case bare words outside them.
 */
function tokens(text: string): { code: string; kept: string; words: string[] } {
  let code = '';
  let kept = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!, next = text[i + 1];
    if ((c === '-' && next === '-') || c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      code += ' ';
      kept += ' ';
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw refused('注释未结束');
      i = end + 2;
      code += ' ';
      kept += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === c) {
          if (text[j + 1] === c) { j++; continue; }
          break;
        }
      }
      if (j >= text.length) throw refused('引号未闭合');
      // A quoted name stays a name (it may be a table called "into"); a literal becomes an empty one.
      code += c === "'" ? "''" : `${c}q${c}`;
      kept += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '$' && /^\$[a-z_]*\$/i.test(text.slice(i))) {
      throw refused('不支持 $ 引用的字符串');
    } else {
      code += c;
      kept += c;
      i++;
    }
  }
  const words = code.replace(/(['"`])q?\1/g, ' ').toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? [];
  return { code, kept, words };
}
