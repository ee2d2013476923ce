import { spawn, spawnSync } from 'node:child_process';

/** Runs `npm run shukai -- …` as an operator would, against the test database. */
export function runCli(env: Record<string, string>, ...args: string[]) {
  const res = spawnSync('npm', ['run', '--silent', 'shukai', '--', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** The same, without blocking this process: for a CLI that talks to a server the test runs in-process. */
export function runCliAsync(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'shukai', '--', ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
