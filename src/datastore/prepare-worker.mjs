// Worker threads do not inherit the TypeScript loader: register it here, then run the worker.
import { tsImport } from 'tsx/esm/api';

await tsImport('./prepare-worker.ts', import.meta.url);
