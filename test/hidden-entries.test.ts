/**
 * An entry the caller may not read (a draft, a 禁止开放 entry, a withdrawn one) answers exactly
 * as an unknown id does, on every route that names it or one of its resources: its existence
 * cannot be probed. Those who may know it exists keep the 401/403 of the step they lack.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { CONDITIONS, createEntry, drainJobs, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';

let t: TestApp;
let publisher: Client;
let reviewer: Client;
/** Everyone who may not know of a hidden entry: a visitor (null), an unverified and a verified user. */
let outsiders: (Client | null)[];
const ROWS = '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n';

/** An entry of the transport bureau with one table resource, published when asked. */
async function entryWithData(title: string, overrides: Record<string, unknown> = {}, publish = true) {
  const entryId = await createEntry(t, publisher, { title, ...overrides });
  const resourceId = (await upload(publisher, `/api/v1/catalog/${entryId}/resources`, 'stations.csv', ROWS)).json().resourceId as string;
  await drainJobs(t);
  if (publish) {
    await submitForReview(t, publisher, entryId);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
  }
  return { entryId, resourceId };
}

const get = (client: Client | null, url: string) => (client ? client.request({ method: 'GET', url }) : t.app.inject({ method: 'GET', url }));

/** Every read that names an entry or one of its resources. */
const reads = (entryId: string, resourceId: string) => [
  `/api/v1/catalog/${entryId}`, `/api/v1/catalog/${entryId}/access`, `/api/v1/catalog/${entryId}/history`, `/api/v1/catalog/${entryId}/eligibility`,
  `/api/v1/resources/${resourceId}/sample`,
  `/api/v1/resources/${resourceId}/records`, `/api/v1/resources/${resourceId}/records?limit=100`, `/api/v1/resources/${resourceId}/stats`,
  `/api/v1/resources/${resourceId}/download?format=json`, `/api/v1/resources/${resourceId}/versions`, `/api/v1/resources/${resourceId}/versions/1/rejects`,
  `/api/3/action/package_show?id=${entryId}`, `/api/3/action/resource_show?id=${resourceId}`, `/api/3/action/datastore_search?resource_id=${resourceId}`,
];

/** What a caller can tell from an answer: its status and body, the ids in the address aside. */
const seen = (res: LightMyRequestResponse) => ({ status: res.statusCode, body: res.body });

beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  reviewer = await login(t.app, DEMO.authorityReviewer);
  const verified = await login(t.app, DEMO.verifiedUser);
  await verified.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version: 1 } });
  outsiders = [null, await registerUser(t.app), verified];
});
afterAll(async () => { await t.close(); });

describe('hidden entries', () => {
  it('answer everyone who may not know them exactly as an unknown id, on every route and in CKAN', async () => {
    const hidden = {
      draft: await entryWithData('隐藏测试草稿', {}, false),
      prohibited: await entryWithData('隐藏测试禁止开放', { openType: 'prohibited' }),
      withdrawn: await entryWithData('隐藏测试已撤回'),
      restrictedDraft: await entryWithData('隐藏测试受限草稿', { openType: 'restricted', openConditions: '仅限科研用途', conditions: CONDITIONS }, false),
    };
    await publisher.request({ method: 'POST', url: `/api/v1/catalog/${hidden.withdrawn.entryId}/withdraw`, payload: { reason: '数据口径调整' } });
    const unknown = reads(randomUUID(), randomUUID());

    for (const [kind, { entryId, resourceId }] of Object.entries(hidden)) {
      const urls = reads(entryId, resourceId);
      for (const client of outsiders) {
        for (const [i, url] of urls.entries()) {
          const nobody = seen(await get(client, unknown[i]!));
          expect(nobody.status, unknown[i]).toBe(404);
          expect(seen(await get(client, url)), `${kind} ${url}`).toEqual(nobody);
        }
      }
      // Its keepers and the authority still read it.
      for (const insider of [publisher, reviewer]) {
        expect((await get(insider, `/api/v1/catalog/${entryId}`)).statusCode, kind).toBe(200);
        expect((await get(insider, `/api/v1/resources/${resourceId}/versions`)).statusCode, kind).toBe(200);
        expect((await get(insider, `/api/3/action/package_show?id=${entryId}`)).statusCode, kind).toBe(200);
      }
    }
  });

  it('keep the refusal of the missing step for whoever may know the entry exists', async () => {
    const open = await entryWithData('隐藏测试公开');
    const [visitor, unverified, verified] = outsiders;
    const records = `/api/v1/resources/${open.resourceId}/records?limit=100`;
    expect((await get(visitor!, records)).json().error.code).toBe('UNAUTHENTICATED');
    expect((await get(unverified!, records)).json().error.code).toBe('VERIFICATION_REQUIRED');
    expect((await get(verified!, records)).statusCode).toBe(200);
    expect((await get(visitor!, `/api/v1/resources/${open.resourceId}/versions`)).statusCode).toBe(401);
    expect((await get(verified!, `/api/v1/resources/${open.resourceId}/versions`)).statusCode).toBe(403);
    const ckan = await get(unverified!, `/api/3/action/datastore_search?resource_id=${open.resourceId}`);
    expect(ckan.statusCode).toBe(403);
    expect(ckan.json().error).toMatchObject({ __type: 'Authorization Error', code: 'VERIFICATION_REQUIRED' });

    // A published restricted entry is public to know of; its rows are not.
    const restricted = await entryWithData('隐藏测试受限', { openType: 'restricted', openConditions: '仅限科研用途', conditions: CONDITIONS });
    expect((await get(visitor!, `/api/v1/catalog/${restricted.entryId}`)).statusCode).toBe(200);
    expect((await get(visitor!, `/api/v1/resources/${restricted.resourceId}/records?limit=100`)).statusCode).toBe(401);
    expect((await get(verified!, `/api/v1/resources/${restricted.resourceId}/records?limit=100`)).statusCode).toBe(403);
  });
});
