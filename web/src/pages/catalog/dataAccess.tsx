/**
 * Whether the reader may take this entry's rows (download, every page of the preview, the API):
 * 无条件开放 data needs a signed-in, real-name verified user who has accepted the current
 * licence (rule 二.1). The server's policy decides (GET /api/v1/catalog/:id/access); this only
 * turns its answer into the step to show, and offers the licence.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useRequest } from '../../useRequest';
import { LicenceModal } from './LicenceModal';
import type { CatalogEntry } from './types';

/** The policy's answer: allowed, or the error code a request for the rows would get. */
type RowsDecision = 'allowed' | 'UNAUTHENTICATED' | 'VERIFICATION_REQUIRED' | 'LICENCE_REQUIRED' | 'FORBIDDEN';

const STEP: Record<RowsDecision, AccessState> = {
  allowed: 'ok', UNAUTHENTICATED: 'visitor', VERIFICATION_REQUIRED: 'unverified', LICENCE_REQUIRED: 'licence', FORBIDDEN: 'restricted',
};

export type AccessState = 'loading' | 'visitor' | 'unverified' | 'licence' | 'ok' | 'restricted';

interface DataAccess {
  /** The entry whose data this is (restricted data is applied for by entry). */
  entryId: string;
  state: AccessState;
  /** Opens the licence to read and accept. */
  askLicence: () => void;
  /** Bumped whenever access may have changed (the licence was accepted). */
  generation: number;
}

const Context = createContext<DataAccess>({ entryId: '', state: 'loading', askLicence: () => undefined, generation: 0 });

export function DataAccessProvider({ entry, children }: { entry: CatalogEntry; children: ReactNode }) {
  const { user } = useAuth();
  const [generation, setGeneration] = useState(0);
  const [open, setOpen] = useState(false);
  const { data } = useRequest(
    () => api.get<{ rows: RowsDecision }>(`/api/v1/catalog/${encodeURIComponent(entry.id)}/access`),
    [entry.id, user?.id, generation],
  );
  // Signing in does not open 受限 data: a visitor is told how it is applied for, as everyone
  // without a grant; a grantee (whom the policy asks only for the licence or verification now)
  // is led through the same steps as for open data.
  const state: AccessState = !data ? 'loading'
    : entry.openType !== 'unconditional' && (data.rows === 'UNAUTHENTICATED' || data.rows === 'FORBIDDEN') ? 'restricted'
      : STEP[data.rows] ?? 'restricted';

  const askLicence = useCallback(() => setOpen(true), []);
  const value = useMemo(() => ({ entryId: entry.id, state, askLicence, generation }), [entry.id, state, askLicence, generation]);
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
