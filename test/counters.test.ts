/** The use counters' batched writes, against the real database of either engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { startTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

describe('use counters', () => {
  it('a process closing keeps the counts its interval write was still writing', async () => {
    const db = t.ctx.database.db;
    const { id } = await db.selectFrom('resources').select('id').executeTakeFirstOrThrow();
    const downloads = async () => Number((await db.selectFrom('resources').select('downloads').where('id', '=', id).executeTakeFirstOrThrow()).downloads);
    const before = await downloads();
    // Another process on the same database, told to stop just as its interval's write began.
    const stopping = await createContext(loadConfig(t.env));
    stopping.counters.hit('resources', id, 'downloads');
    void stopping.counters.flush();
    await stopping.close();
    expect(await downloads()).toBe(before + 1);
  });
});
