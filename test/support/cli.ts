import { spawnSync } from 'node:child_process';

/** Runs `npm run shukai -- …` as an operator would, against the test database. */
export function runCli(env: Record<string, string>, ...args: string[]) {
  const res = spawnSync('npm', ['run', '--silent', 'shukai', '--', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
