import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue, type JobDefinition } from '../src/jobs/queue.js';
import { JobRunner } from '../src/jobs/runner.js';
import { Scheduler } from '../src/jobs/scheduler.js';
import { startTestApp, type TestApp } from './support/app.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} } as unknown as ConstructorParameters<typeof JobRunner>[1];
const HOUR = 3_600_000;

class PassingOutage extends Error {}

describe('scheduler', () => {
  let t: TestApp;
  let runner: JobRunner;
  const ran: string[] = [];
  let failures = 0;

  beforeAll(async () => {
    t = await startTestApp();
    runner = new JobRunner(t.ctx.jobs, quiet, 1_000);
    runner.define<{ tag: string }, string>({ kind: 'test-echo', maxAttempts: 2, run: async ({ payload }) => { ran.push(payload.tag); return payload.tag; } });
    const flaky: JobDefinition = {
      kind: 'test-flaky',
      maxAttempts: 3,
      run: async () => { failures++; throw new PassingOutage('上游暂不可用'); },
      retryable: (err) => err instanceof PassingOutage,
      backoffMs: (attempts) => attempts * 60_000,
    };
    runner.define(flaky);
    runner.define({ kind: 'test-broken', maxAttempts: 3, run: async () => { throw new Error('输入有误'); }, retryable: (err) => err instanceof PassingOutage });
  });
  afterAll(async () => t?.close());

  const row = (id: string) => t.ctx.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const makeDue = (id: string) => t.ctx.database.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1_000).toISOString() }).where('id', '=', id).execute();

  it('does not run a job before its run-at time', async () => {
    const later = await t.ctx.jobs.enqueue('test-echo', { tag: 'later' }, null, { runAt: new Date(Date.now() + HOUR) });
    expect(await runner.runOne(later)).toBe(false);
    expect((await row(later)).status).toBe('queued');
    await makeDue(later);
    expect(await runner.runOne(later)).toBe(true);
    expect((await t.ctx.jobs.get(later)).status).toBe('succeeded');
  });

  it('returns the open job for a second enqueue with the same key, and a new one once it is done', async () => {
    const first = await t.ctx.jobs.enqueue('test-echo', { tag: 'once' }, null, { dedupeKey: 'echo:once' });
    const [second, third] = await Promise.all([
      t.ctx.jobs.enqueue('test-echo', { tag: 'once' }, null, { dedupeKey: 'echo:once' }),
      t.ctx.jobs.enqueue('test-echo', { tag: 'once' }, null, { dedupeKey: 'echo:once' }),
    ]);
    expect([second, third]).toEqual([first, first]);
    expect(await runner.runOne(first)).toBe(true);
    const again = await t.ctx.jobs.enqueue('test-echo', { tag: 'once' }, null, { dedupeKey: 'echo:once' });
    expect(again).not.toBe(first);
  });

  it('retries a retryable failure after its backoff, then fails for good at maxAttempts', async () => {
    const id = await t.ctx.jobs.enqueue('test-flaky', {}, null);
    expect(await runner.runOne(id)).toBe(true);
    let job = await row(id);
    expect(job.status).toBe('queued');
    expect(Number(job.attempts)).toBe(1);
    expect(job.error).toContain('上游暂不可用');
    const waited = new Date(job.run_at).getTime() - Date.now();
    expect(waited).toBeGreaterThan(50_000);
    expect(waited).toBeLessThanOrEqual(60_000);
    expect(await runner.runOne(id)).toBe(false);

    await makeDue(id);
    expect(await runner.runOne(id)).toBe(true);
    job = await row(id);
    expect(job.status).toBe('queued');
    expect(new Date(job.run_at).getTime() - Date.now()).toBeGreaterThan(110_000);

    await makeDue(id);
    expect(await runner.runOne(id)).toBe(true);
    job = await row(id);
    expect(job.status).toBe('failed');
    expect(Number(job.attempts)).toBe(3);
    expect(failures).toBe(3);
  });

  it('fails a non-retryable error at once', async () => {
    const id = await t.ctx.jobs.enqueue('test-broken', {}, null);
    expect(await runner.runOne(id)).toBe(true);
    expect((await row(id)).status).toBe('failed');
    expect(Number((await row(id)).attempts)).toBe(1);
  });

  it('never hands one job to two workers claiming at once', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) ids.add(await t.ctx.jobs.enqueue('test-race', { i }, null));
    const other = new JobQueue(t.ctx.database.db, t.ctx.database.adapter);
    const claims = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      (i % 2 ? t.ctx.jobs : other).claim(['test-race'], undefined, `worker-${i % 2}:${i}`)));
    const taken = claims.filter((c) => c !== null).map((c) => c!.id);
    expect(taken.length).toBe(12);
    expect(new Set(taken)).toEqual(ids);
    for (const id of taken) await t.ctx.jobs.succeed(id, null, null);
  });

  it('sweeps a job whose worker went silent back to the queue, and fails it when its attempts are spent', async () => {
    const id = await t.ctx.jobs.enqueue('test-echo', { tag: 'orphan' }, null);
    const silent = new Date(Date.now() - 60_000).toISOString();
    const claimed = await t.ctx.jobs.claim(['test-echo'], id, 'vanished-host:4242');
    expect(claimed?.id).toBe(id);
    await t.ctx.database.db.updateTable('jobs').set({ heartbeat_at: silent }).where('id', '=', id).execute();
    await runner.recover();
    expect((await row(id)).status).toBe('queued');

    await t.ctx.jobs.claim(['test-echo'], id, 'vanished-host:4242');
    await t.ctx.database.db.updateTable('jobs').set({ heartbeat_at: silent }).where('id', '=', id).execute();
    await runner.recover();
    const job = await row(id);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('重试次数已用完');
    expect(ran).not.toContain('orphan');
  });

  it('runs a recurring task once per scheduled minute, however often that minute is fired', async () => {
    const scheduler = new Scheduler(t.ctx.jobs, runner, 'Asia/Shanghai', quiet);
    const firings: string[] = [];
    scheduler.recurring({ name: 'test-tick', cron: '* * * * *', run: async ({ scheduledAt }) => { firings.push(scheduledAt.toISOString()); } });
    const minute = new Date('2026-12-06T10:15:00Z');
    const [a, b] = await Promise.all([
      scheduler.fire('test-tick', new Date(minute.getTime() + 5_000)),
      scheduler.fire('test-tick', new Date(minute.getTime() + 40_000)),
    ]);
    expect(a ?? b).toBeTruthy();
    while (await runner.runOne());
    expect(await scheduler.fire('test-tick', minute)).toBeNull();
    while (await runner.runOne());
    expect(firings).toEqual([minute.toISOString()]);

    await scheduler.fire('test-tick', new Date(minute.getTime() + 60_000));
    while (await runner.runOne());
    expect(firings).toEqual([minute.toISOString(), new Date(minute.getTime() + 60_000).toISOString()]);
    expect(() => scheduler.recurring({ name: 'test-bad', cron: 'every minute', run: async () => {} })).toThrow();
  });

  it('lets one firing of a minute through across processes racing, and none after it ran', async () => {
    // Two processes' schedulers, each with its own queue, on the one database.
    const schedulers = [0, 1].map(() => {
      const scheduler = new Scheduler(new JobQueue(t.ctx.database.db, t.ctx.database.adapter), runner, 'Asia/Shanghai', quiet);
      scheduler.recurring({ name: 'test-race', cron: '* * * * *', run: async () => { ran.push('race'); } });
      return scheduler;
    });
    const minute = new Date('2026-12-06T11:00:00Z');
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => schedulers[i % 2]!.fire('test-race', new Date(minute.getTime() + i * 1_000))));
    expect(ids.filter(Boolean)).toHaveLength(1);
    while (await runner.runOne());
    // The firing finished: a late process's clock (the check used to pass here) is refused too.
    expect(await schedulers[1]!.fire('test-race', minute)).toBeNull();
    while (await runner.runOne());
    expect(ran.filter((r) => r === 'race')).toHaveLength(1);
  });

  it('hands a job stopped by shutdown back to the queue, its attempt not counted, for another worker', async () => {
    const stopping = new JobRunner(t.ctx.jobs, quiet, 1_000);
    let started!: () => void;
    const running = new Promise<void>((resolve) => { started = resolve; });
    stopping.define({
      kind: 'test-long', maxAttempts: 1,
      run: ({ signal }) => new Promise((_, reject) => { started(); signal.addEventListener('abort', () => reject(new Error('cancelled'))); }),
    });
    const id = await t.ctx.jobs.enqueue('test-long', {}, null);
    await stopping.start();
    await running;
    await stopping.stop(5_000);
    expect(await row(id)).toMatchObject({ status: 'queued', locked_by: null });
    expect(Number((await row(id)).attempts)).toBe(0);
    // Another worker takes it and, this time, it finishes.
    const other = new JobRunner(t.ctx.jobs, quiet, 1_000);
    other.define({ kind: 'test-long', maxAttempts: 1, run: async () => 'done' });
    expect(await other.runOne(id)).toBe(true);
    expect(await row(id)).toMatchObject({ status: 'succeeded', result: '"done"' });
    expect(Number((await row(id)).attempts)).toBe(1);
  });

  it('hands back a job that ignores its stop signal once the grace period is over', async () => {
    const stubborn = new JobRunner(t.ctx.jobs, quiet, 1_000);
    let started!: () => void;
    const running = new Promise<void>((resolve) => { started = resolve; });
    let finish!: () => void;
    stubborn.define({ kind: 'test-stubborn', maxAttempts: 1, run: () => new Promise<void>((resolve) => { started(); finish = resolve; }) });
    const id = await t.ctx.jobs.enqueue('test-stubborn', {}, null);
    await stubborn.start();
    await running;
    await stubborn.stop(200);
    expect(await row(id)).toMatchObject({ status: 'queued', locked_by: null });
    // Finishing late, in a process about to end, records nothing: the job is another worker's now.
    finish();
    await new Promise((r) => setTimeout(r, 50));
    expect(await row(id)).toMatchObject({ status: 'queued' });
  });

  it('alerts once that next year is missing from the calendar, from 1 November on', async () => {
    const missing2027 = async () => (await t.ctx.alerts.listOpen()).filter((a) => a.kind === 'calendar_year_missing' && a.message.includes('2027'));
    const runFiring = async (at: string) => {
      const id = await t.ctx.scheduler.fire('calendar-next-year-check', new Date(at));
      expect(id).toBeTruthy();
      expect(await t.ctx.jobRunner.runOne(id!)).toBe(true);
      expect((await t.ctx.jobs.get(id!)).status).toBe('succeeded');
    };
    expect(await t.ctx.calendar.coveredYears()).not.toContain(2027);
    // 08:00 in Hangzhou on 31 October: too early to ask for next year.
    await runFiring('2026-10-31T00:00:00Z');
    expect(await missing2027()).toHaveLength(0);
    await runFiring('2026-12-06T00:00:00Z');
    await runFiring('2026-12-07T00:00:00Z');
    expect(await missing2027()).toHaveLength(1);
  });
});
