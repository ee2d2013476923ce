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

/**
 * Functions that read or write the database server's files, reach other hosts (past
 * SHUKAI_SOURCE_HOSTS), take locks or administer the server: a read-only transaction stops
 * none of them (PostgreSQL's lo_export writes a file in one). Refused by name, quoted or not.
 */
const SERVER_FUNCTIONS = new Set([
  'lo_import', 'lo_export', 'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file', 'pg_file_write',
  'pg_file_rename', 'pg_file_unlink', 'pg_logdir_ls', 'pg_terminate_backend', 'pg_cancel_backend', 'pg_reload_conf',
  'pg_rotate_logfile', 'pg_promote', 'set_config', 'pg_advisory_lock', 'pg_advisory_lock_shared', 'pg_advisory_xact_lock',
  'pg_advisory_xact_lock_shared', 'pg_try_advisory_lock', 'pg_try_advisory_lock_shared', 'pg_try_advisory_xact_lock',
  'pg_try_advisory_xact_lock_shared', 'load_file', 'get_lock', 'sys_exec', 'sys_eval',
]);
const reachesOut = (name: string) => SERVER_FUNCTIONS.has(name) || name.startsWith('dblink');

/** Answers the statement without comments and a trailing semicolon; refuses anything but a single read-only SELECT. */
export function readOnlySelect(text: string): string {
  // Whether a backslash escapes the next quote depends on the engine and its settings
  // (PostgreSQL's standard_conforming_strings, E'' strings, MySQL's double-quoted strings and
  // NO_BACKSLASH_ESCAPES): where this reading and the server's differed, a quote could end a
  // string here and not there, hiding a second statement or an INTO OUTFILE. Without
  // backslashes every engine reads quotes alike.
  if (text.includes('\\')) throw refused('不能包含反斜杠（\\）；需要转义时请用 ESCAPE 子句指定其他字符');
  const { code, kept, words, names } = tokens(text);
  const statement = code.trim().replace(/;\s*$/, '').trim();
  if (!statement) throw refused('查询语句为空');
  if (statement.includes(';')) throw refused('只能包含一条语句');
  if (words[0] !== 'select' && words[0] !== 'with') throw refused('须以 SELECT 或 WITH 开头');
  const bad = words.find((w) => FORBIDDEN.has(w));
  if (bad) throw refused(`不能包含 ${bad.toUpperCase()}`);
  const server = [...words, ...names].find(reachesOut);
  if (server) throw refused(`不能调用 ${server}（读写数据库服务器的文件、连接其他主机、加锁或管理数据库）`);
  if (/\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i.test(statement)) throw refused('不能加锁（FOR UPDATE / FOR SHARE）');
  return kept.trim().replace(/;\s*$/, '').trim();
}

function refused(detail: string): AppError {
  return new AppError('SOURCE_QUERY_REFUSED', 'query', detail);
}

/**
 * The statement with comments removed and string literals and quoted names blanked (so a `;`
 * or a word inside them is not read as code), the same with them kept (what is run), and the
 * lower-case bare words outside them, and the quoted names lower-cased.
 */
function tokens(text: string): { code: string; kept: string; words: string[]; names: string[] } {
  let code = '';
  let kept = '';
  const names: string[] = [];
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
      if (c !== "'") names.push(text.slice(i + 1, j).replaceAll(c + c, c).toLowerCase());
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
  return { code, kept, words, names };
}
