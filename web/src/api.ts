/**
 * The one way the portal talks to the server: JSON over same-origin fetch, the CSRF token on
 * every write, the chosen language in Accept-Language, and `{ error }` bodies turned into
 * ApiError so forms can show the server's message on the field it names.
 */
import { getLang, translate } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let unauthenticated: (() => void) | null = null;

/** Set after sign-in and after GET /api/v1/me; cleared on sign-out. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** Called when the server says the session is gone (expired, signed out elsewhere, roles changed). */
export function onUnauthenticated(handler: (() => void) | null): void {
  unauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Always say which: left alone, the browser would send its own language, often English. */
function languageHeader(): string {
  return getLang() === 'en' ? 'en' : 'zh-CN';
}

/**
 * The headers a write made outside `api` needs (an upload sent with XMLHttpRequest to show its
 * progress): the CSRF token and the chosen language.
 */
export function writeHeaders(): Record<string, string> {
  return { Accept: 'application/json', 'Accept-Language': languageHeader(), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) };
}

/** The ApiError for a failed response's status and parsed `{ error }` body. */
export function apiErrorFrom(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  return new ApiError(status, error?.code ?? `HTTP_${status}`, error?.message ?? translate(getLang(), 'error.generic'), error?.field);
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': languageHeader() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', translate(getLang(), 'error.network'));
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = apiErrorFrom(res.status, data);
    if (res.status === 401 && error.code === 'UNAUTHENTICATED' && path !== '/api/v1/me') unauthenticated?.();
    throw error;
  }
  return data as T;
}

/** Query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return translate(getLang(), 'error.generic');
}
