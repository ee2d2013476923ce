/**
 * The repository's root folder, for files read at run time (the web bundle, the demo catalog,
 * the ingest worker). This module sits one folder below the root both as source (src/) and
 * built into the bundle (dist/, where every built file lies flat), so one relative URL serves
 * both; a module deeper in src/ could not say the same of itself once bundled.
 */
export const PROJECT_ROOT = new URL('../', import.meta.url);
