/**
 * Whether the reader may take this entry's rows (download, every page of the preview, the API):
 * 无条件开放 data needs a signed-in, real-name verified user who has accepted the current
 * licence (rule 二.1). The server decides; this only says which step is missing, from
 * GET /api/v1/me and GET /api/v1/licence, and offers the licence.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useRequest } from '../../useRequest';
import { LicenceModal } from './LicenceModal';
import type { CatalogEntry, Licence } from './types';

export type AccessState = 'loading' | 'visitor' | 'unverified' | 'licence' | 'ok' | 'restricted';

interface DataAccess {
  state: AccessState;
  /** Opens the licence to read and accept. */
  askLicence: () => void;
  /** Bumped whenever access may have changed (the licence was accepted). */
  generation: number;
}

const Context = createContext<DataAccess>({ state: 'loading', askLicence: () => undefined, generation: 0 });

export function DataAccessProvider({ entry, children }: { entry: CatalogEntry; children: ReactNode }) {
  const { user, loading: userLoading, can } = useAuth();
  const [generation, setGeneration] = useState(0);
  const [open, setOpen] = useState(false);
  const { data: licence, loading } = useRequest(
    () => (user ? api.get<Licence>('/api/v1/licence') : Promise.resolve(undefined)),
    [user?.id, generation],
  );
  // The entry's own department and the authority see their data whatever its state.
  const insider = can('catalog.internal.read') && (can('catalog.console.all') || user?.department?.id === entry.departmentId);

  let state: AccessState;
  if (insider) state = 'ok';
  else if (entry.openType !== 'unconditional') state = 'restricted';
  else if (userLoading) state = 'loading';
  else if (!user) state = 'visitor';
  else if (user.verification.status !== 'verified') state = 'unverified';
  else if (!licence) state = loading ? 'loading' : 'licence';
  else state = licence.accepted ? 'ok' : 'licence';

  const askLicence = useCallback(() => setOpen(true), []);
  const value = useMemo(() => ({ state, askLicence, generation }), [state, askLicence, generation]);
  return (
    <Context.Provider value={value}>
      {children}
      <LicenceModal open={open} onClose={() => setOpen(false)} onAccepted={() => { setOpen(false); setGeneration((g) => g + 1); }} />
    </Context.Provider>
  );
}

export function useDataAccess(): DataAccess {
  return useContext(Context);
}
