import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A real Shukai process (`src/main.ts`) on a free port, in the role its environment gives it. */
export interface ShukaiProcess {
  url: string;
  proc: ChildProcess;
  /** Its exit code (null when a signal ended it), once it has exited. */
  exited: Promise<number | null>;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** Starts the process and waits until its /api/health answers (a worker's too); its output passes through at LOG_LEVEL. */
export async function startProcess(env: Record<string, string>): Promise<ShukaiProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (c) => { code = c; resolve(c); }));
  const url = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 90_000; Date.now() < until && code === undefined;) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) {
      return { url, proc, exited, stop: () => { proc.kill('SIGTERM'); return exited; } };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`the process did not become healthy (exit code ${code})`);
}

/** A signed-in caller of one process: sends the session cookie, and the CSRF token on writes. */
export type Caller = (path: string, init?: RequestInit) => Promise<Response>;

export async function signIn(url: string, account: string, password: string): Promise<{ call: Caller; cookie: string; csrfToken: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${account} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = await res.json() as { csrfToken: string };
  return { cookie, csrfToken, call: callerFor(url, cookie, csrfToken) };
}

/** The same session used against another process. */
export function callerFor(url: string, cookie: string, csrfToken: string): Caller {
  return (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { cookie, 'x-csrf-token': csrfToken, ...(init.headers as Record<string, string> ?? {}) } });
}

export const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Polls until `until` holds of what `read` returns, or fails after `ms`. */
export async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean, ms = 60_000): Promise<T> {
  let last: T | undefined;
  for (const end = Date.now() + ms; Date.now() < end;) {
    last = await read();
    if (until(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the awaited state did not come; last seen: ${JSON.stringify(last)}`);
}
