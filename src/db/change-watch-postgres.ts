import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { WATCHED_TABLES, type ChangeWatch } from './change-watch.js';

const CHANNEL = 'shukai_changes';
const RECONNECT_MS = 1_000;

/**
 * PostgreSQL: triggers on the watched tables NOTIFY at commit (installed by migration 0004, and
 * again by each later migration that adds a watched table), and one connection per process
 * LISTENs. The stamp counts notifications; until the listener is connected, and whenever it is
 * lost, the stamp is null and caches read the database.
 * The listener starts on the first `stamp()`, so short-lived commands never open it.
 */
export function postgresChangeWatch(connectionString: string): ChangeWatch {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let changes = 0;
  let retry: NodeJS.Timeout | null = null;

  const lost = (stale: pg.Client) => {
    if (client !== stale) return;
    listening = false;
    changes++;
    client = null;
    void stale.end().catch(() => undefined);
    if (!closed) retry = setTimeout(() => { retry = null; listen(); }, RECONNECT_MS);
  };
  const listen = () => {
    if (client || closed) return;
    const c = new pg.Client({ connectionString });
    client = c;
    c.on('notification', () => { changes++; });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.connect().then(() => c.query(`listen ${CHANNEL}`)).then(() => {
      // Whatever changed before the listener was up is behind this bump.
      if (client === c) { changes++; listening = true; }
    }, () => lost(c));
  };

  return {
    stamp() {
      if (!client && !retry) listen();
      return listening ? String(changes) : null;
    },
    touch() {
      changes++;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      listening = false;
      await c?.end().catch(() => undefined);
    },
  };
}

/**
 * Two triggers per watched table: inserts, deletes and truncates notify once per statement,
 * and so do updates, except on tables with left-out columns (the counters), where each updated
 * row is compared without them, so a counter flush notifies nothing. Safe to run again: a later
 * migration that creates a watched table runs it once more, and tables not made yet are left
 * for that migration.
 */
export async function installChangeTriggers(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`create or replace function shukai_notify_change() returns trigger language plpgsql as $$
    begin perform pg_notify('${CHANNEL}', tg_table_name); return null; end $$`).execute(db);
  await sql.raw(`create or replace function shukai_notify_row_change() returns trigger language plpgsql as $$
    begin
      if (to_jsonb(old) - tg_argv) is distinct from (to_jsonb(new) - tg_argv) then perform pg_notify('${CHANNEL}', tg_table_name); end if;
      return null;
    end $$`).execute(db);
  for (const [table, ignored] of Object.entries(WATCHED_TABLES)) {
    const { rows } = await sql<{ present: boolean }>`select to_regclass(${table}) is not null as present`.execute(db);
    if (!rows[0]?.present) continue;
    await sql.raw(`create or replace trigger ${table}_changed after insert or delete or truncate on ${table} for each statement execute function shukai_notify_change()`).execute(db);
    const update = ignored.length
      ? `for each row execute function shukai_notify_row_change(${ignored.map((c) => `'${c}'`).join(', ')})`
      : 'for each statement execute function shukai_notify_change()';
    await sql.raw(`create or replace trigger ${table}_updated after update on ${table} ${update}`).execute(db);
  }
}
