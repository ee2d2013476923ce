import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A real Shukai process (`src/main.ts`) on a free port, in the role its environment gives it. */
export interface ShukaiProcess {
  url: string;
  proc: ChildProcess;
  /** Its exit code (null when a signal ended it), once it has exited. */
  exited: Promise<number | null>;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the process and waits until it listens (its log says where; stderr passes through). */
export async function startProcess(env: Record<string, string>): Promise<ShukaiProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: env.LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`the process exited with ${code} before listening`)));
    createInterface({ input: proc.stdout! }).on('line', (text) => {
      const at = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(text)?.[1];
      if (at) resolve(at);
    });
  });
  return {
    url, proc, exited,
    stop: () => { proc.kill('SIGTERM'); return exited; },
  };
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
