import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One line of the server's JSON log (pino): level 50 is error, 30 info, 20 debug. */
export interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method: string; url: string };
  err?: { code?: string; message: string };
}

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Every line logged so far, in order. */
  logs: LogLine[];
  stop(): Promise<void>;
}

/**
 * The real server process (`src/main.ts`) on a free port, with its log read from stdout as it
 * writes it: what an operator would see, at LOG_LEVEL=debug.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: LogLine[] = [];
  const listening = new Promise<string>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
    createInterface({ input: proc.stdout! }).on('line', (text) => {
      if (!text.startsWith('{')) return;
      const line = JSON.parse(text) as LogLine;
      logs.push(line);
      const at = /^Server listening at (http:\/\/127\.0\.0\.1:\d+)$/.exec(line.msg)?.[1];
      if (at) resolve(at);
    });
  });
  const url = await listening;
  return {
    url, port: Number(new URL(url).port), pid: proc.pid!, logs,
    stop: () => new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    }),
  };
}

/** Waits until `found` holds of the log, or fails after `ms`. */
export async function waitForLog(server: ServerProcess, found: (logs: LogLine[]) => boolean, ms = 10_000): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until;) {
    if (found(server.logs)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the awaited log line did not come:\n${server.logs.map((l) => JSON.stringify(l)).join('\n')}`);
}
