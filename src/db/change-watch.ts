/**
 * Lets a process cache facts every request asks the database (a resource's entry and live
 * table, who an API key is, whether a user accepted the licence) without serving them stale
 * after a change made elsewhere: by another API process, by the CLI, or by this process's own
 * background jobs.
 *
 * A cached fact is kept with the stamp taken before it was read, and served only while the
 * stamp is unchanged. One implementation per engine beside this file.
 */
export interface ChangeWatch {
  /**
   * A value that differs once any change to the watched tables has been committed since it
   * was taken, or null while the watch cannot tell (then nothing may be served from memory).
   */
  stamp(): string | null;
  /** This process changed shared state outside the watched paths: stale everything cached. */
  touch(): void;
  close(): Promise<void>;
}

/**
 * The tables whose rows the cached facts come from; the PostgreSQL triggers watch them.
 * Columns that only count or timestamp use (views, downloads, API calls, a key's last use)
 * change on every call and are left out: no cached fact reads them.
 */
export const WATCHED_TABLES: Record<string, string[]> = {
  catalog_entries: ['views', 'downloads', 'api_calls'],
  resources: ['views', 'downloads', 'api_calls'],
  resource_versions: [],
  api_keys: ['last_used_at'],
  users: [],
  user_roles: [],
  versioned_texts: [],
  licence_acceptances: [],
};
