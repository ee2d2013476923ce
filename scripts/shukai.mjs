// `npm run shukai -- <command>`: brings dist/ up to date (a no-op when nothing changed), then
// runs the operator CLI from it.
import { buildServer } from './build-server.mjs';

await buildServer();
await import('../dist/shukai.js');
