/**
 * Test support for the datastore suites: a migrated database of the engine under test,
 * files written to its temporary folder, and a small ZIP writer for hostile archives.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ingestFile } from './ingest.js';
import type { IngestRequest, IngestResult } from './types.js';

export interface TestStore extends DatabaseHandle {
  dir: string;
  /** Writes a file into the store's temporary folder and returns its path. */
  file(name: string, content: string | Buffer): string;
  /** Ingests content (or an existing path) with sensible defaults. */
  ingest(content: string | Buffer | { path: string }, opts?: Partial<IngestRequest> & { name?: string }): Promise<IngestResult>;
  drop(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const database: TestDatabase = await createTestDatabase();
  const handle = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  await migrateToLatest(handle.db, handle.adapter);
  const dir = database.dataDir;
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, `${randomUUID()}-${name}`);
    writeFileSync(path, content);
    return path;
  };
  return {
    ...handle,
    dir,
    file,
    ingest: (content, opts = {}) => {
      const name = opts.name ?? 'data.csv';
      const filePath = typeof content === 'object' && 'path' in content ? content.path : file(name, content);
      return ingestFile(handle.db, handle.adapter, {
        resourceId: randomUUID(), version: 1, filePath, fileName: name, mode: 'replace', strict: false,
        rejectsPath: join(dir, `${randomUUID()}-rejects.csv`), ...opts,
      });
    },
    drop: async () => {
      await handle.close();
      await database.drop();
    },
  };
}

/** A ZIP archive (deflated entries) built in memory: for XLSX look-alikes and zip bombs. */
export function makeZip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = deflateRawSync(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(e.data.length, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(e.data.length, 24); central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
