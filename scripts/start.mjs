// `npm start`: builds the web bundle when it is missing, transpiles the server, then runs it.
// `npm run worker` runs the same with SHUKAI_ROLE=worker, which serves no web app to build.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildServer } from './build-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (process.env.SHUKAI_ROLE !== 'worker' && !existsSync(`${root}web/dist/index.html`)) {
  console.log('构建网页前端 / building the web app …');
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const build = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await buildServer();
await import('../dist/main.js');
