/**
 * The README's curl examples work exactly as written against a fresh demo: each is taken from
 * README.md and run by the real curl against the real server, only the origin rewritten. A
 * data user's key is in SHUKAI_KEY, as the README asks the reader to put theirs; curl is told
 * (through its own config file, not the command) to fail on an HTTP error. An example with a
 * `<placeholder>` in it is a template the reader completes (a source of their own, say), not a
 * command to run as it stands; every other one must run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type TestApp } from './support/app.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const ORIGIN = 'http://localhost:3000';

/** Every curl command in the README's shell blocks, continuation lines joined. */
function curlCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('curl ')));
}

const isTemplate = (command: string) => /<[A-Za-z][\w-]*>/.test(command);

let t: TestApp;
let origin: string;
let key: string;
let home: string;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const user = await login(t.app, DEMO.verifiedUser);
  const { version } = (await user.request({ method: 'GET', url: '/api/v1/licence' })).json();
  expect((await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } })).statusCode).toBe(200);
  const made = (await user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: 'README 示例' } })).json();
  key = `${made.key}:${made.secret}`;
  home = mkdtempSync(join(tmpdir(), 'shukai-readme-'));
  writeFileSync(join(home, '.curlrc'), '--fail-with-body\n--silent\n--show-error\n');
});
afterAll(async () => {
  await t?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('the README\'s curl examples', () => {
  const commands = curlCommands(README);
  const examples = commands.filter((command) => !isTemplate(command));

  it('are there to run, all against the demo origin', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
    // The data user's examples name the demo's data, not a placeholder.
    expect(examples.filter((command) => command.includes('/api/v1/resources/')).length).toBeGreaterThanOrEqual(2);
    expect(examples.some((command) => command.includes('datastore_search'))).toBe(true);
    for (const command of commands) expect(command, command).toContain(ORIGIN);
  });

  it.each(examples)('%s', async (command) => {
    const cwd = mkdtempSync(join(home, 'run-'));
    const { stdout } = await promisify(execFile)('sh', ['-c', command.replaceAll(ORIGIN, origin)], {
      cwd, env: { ...process.env, SHUKAI_KEY: key, CURL_HOME: home, HOME: home }, maxBuffer: 64 * 1024 * 1024,
    });
    // What it answered: on the terminal, or in the file it was told to write.
    const written = readdirSync(cwd);
    const answer = written.length ? readFileSync(join(cwd, written[0]!), 'utf8') : stdout;
    expect(written.length ? statSync(join(cwd, written[0]!)).size : stdout.length).toBeGreaterThan(0);
    if (answer.startsWith('{')) {
      const json = JSON.parse(answer) as { total?: number; success?: boolean; result?: { count?: number; total?: number }; items?: unknown[]; records?: unknown[] };
      expect(json.success, answer.slice(0, 300)).not.toBe(false);
      // A search or a query that finds nothing shows nothing: every example finds something.
      const found = json.result?.count ?? json.result?.total ?? json.total;
      if (found !== undefined) expect(found, answer.slice(0, 300)).toBeGreaterThan(0);
    }
  });
});
