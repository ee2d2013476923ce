/**
 * One GET from a source system's URL, within the operator's allowlist (reach.ts) at every hop:
 * redirects are followed by hand, each new host checked and connected to at its checked
 * address. The whole exchange — connecting, waiting, reading the body — has one deadline, and
 * the body is cut off at a size limit, so a slow or endless source costs a bounded time and
 * space.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, Transform, type Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import type { CheckedAddress, SourceReach } from './reach.js';

export interface SourceFetchOptions {
  /** The body's largest size in bytes; more is an error, not a truncated file. */
  maxBytes: number;
  /** For the whole exchange, body included. */
  timeoutMs: number;
  headers?: Record<string, string>;
  maxRedirects?: number;
}

export interface SourceResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** Errors with FILE_TOO_LARGE past maxBytes and SOURCE_UNREACHABLE past the deadline. */
  body: Readable;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GETs `url`; answers any HTTP status (the caller judges it), refuses what the allowlist does not cover. */
export async function fetchFromSource(reach: SourceReach, url: string, options: SourceFetchOptions): Promise<SourceResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = parseSourceUrl(url);
  let headers = options.headers ?? {};
  for (let hop = 0; ; hop++) {
    const checked = await reach.address(current.hostname);
    const response = await get(current, checked, headers, signal);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode ?? 0) || !location) return limited(current.href, response, options.maxBytes, signal);
    response.resume();
    if (hop >= (options.maxRedirects ?? 5)) throw new AppError('SOURCE_UNREACHABLE', undefined, `重定向次数过多（${url}）`);
    const next = parseSourceUrl(new URL(location, current).href);
    // A token is given for its origin: a redirect elsewhere (another host, port or scheme) goes without it, as browsers do.
    if (next.origin !== current.origin) headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
    current = next;
  }
}

/** An http(s) URL without credentials in it (they belong in the source's encrypted settings). */
export function parseSourceUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new AppError('VALIDATION_FAILED', 'url', '数据源地址须为 http:// 或 https:// 开头的完整网址');
  }
  return parsed;
}

function get(url: URL, checked: CheckedAddress, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  // The connection goes to the checked address; TLS still verifies the certificate against the name.
  const pinned: LookupFunction = (_host, opts, callback) => {
    if (opts.all) callback(null, [checked]);
    else callback(null, checked.address, checked.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers: { 'user-agent': 'Shukai-Aggregator', ...headers }, lookup: pinned, signal }, resolve);
    req.on('error', (err) => reject(unreachable(url, err, signal)));
    req.end();
  });
}

function limited(url: string, response: IncomingMessage, maxBytes: number, signal: AbortSignal): SourceResponse {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge(maxBytes);
  }
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  response.on('error', (err) => counter.destroy(unreachable(new URL(url), err, signal)));
  response.on('aborted', () => counter.destroy(unreachable(new URL(url), new Error('aborted'), signal)));
  // pipeline, not pipe: past the limit the counter's error must not also be thrown from the response's side.
  pipeline(response, counter, () => undefined);
  return { url, status: response.statusCode ?? 0, headers: response.headers, body: counter };
}

function tooLarge(maxBytes: number): AppError {
  const size = maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / 1024 / 1024)} MB` : `${Math.floor(maxBytes / 1024)} KB`;
  return new AppError('FILE_TOO_LARGE', undefined, `数据源返回的内容超过 ${size}`);
}

function unreachable(url: URL, err: Error, signal: AbortSignal): AppError {
  if (err instanceof AppError) return err;
  if (signal.aborted) return new AppError('SOURCE_UNREACHABLE', undefined, `${url.host} 响应超时`);
  return new AppError('SOURCE_UNREACHABLE', undefined, `${url.host}：${err.message}`);
}
