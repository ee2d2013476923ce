import type SQLite from 'better-sqlite3';
import type { ChangeWatch } from './change-watch.js';

/**
 * SQLite: `data_version` moves when another connection (another process, the CLI) commits,
 * and `total_changes()` when this one writes, so the stamp moves on every write to the file.
 * Coarser than the watched tables, and exact; reading both costs a few microseconds.
 */
export function sqliteChangeWatch(conn: SQLite.Database): ChangeWatch {
  const read = conn.prepare('select data_version, total_changes() from pragma_data_version').raw(true);
  let touched = 0;
  return {
    stamp() {
      const [version, changes] = read.get() as [number, number];
      return `${version}:${changes}:${touched}`;
    },
    touch() {
      touched++;
    },
    async close() {},
  };
}
