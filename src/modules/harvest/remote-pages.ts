/**
 * The pages one harvest run reads from its source, all through the operator's allowlist
 * (sources/fetch.ts), and bounded: so many pages, so many bytes each and in all, one deadline
 * per page. A source that goes past a bound fails the run; it is not harvested in part.
 */
import { text } from 'node:stream/consumers';
import { AppError } from '../../domain/errors.js';
import { fetchFromSource } from '../sources/fetch.js';
import type { SourceReach } from '../sources/reach.js';

export interface HarvestLimits {
  maxPages: number;
  pageBytes: number;
  totalBytes: number;
  pageTimeoutMs: number;
}

export const HARVEST_LIMITS: HarvestLimits = {
  // 500 CKAN pages of 100 datasets: a catalog of 50,000, larger than any city's.
  maxPages: 500,
  pageBytes: 20 * 1024 * 1024,
  totalBytes: 300 * 1024 * 1024,
  pageTimeoutMs: 60_000,
};

export interface RemotePage {
  /** After redirects. */
  url: string;
  status: number;
  /** The media type, lower case, without parameters. */
  mediaType: string;
  body: string;
}

export class RemotePages {
  private pages = 0;
  private bytes = 0;

  constructor(private readonly reach: SourceReach, private readonly limits: HarvestLimits = HARVEST_LIMITS) {}

  async get(url: string, accept: string): Promise<RemotePage> {
    if (++this.pages > this.limits.maxPages) {
      throw new AppError('HARVEST_TOO_LARGE', undefined, `来源目录超过 ${this.limits.maxPages} 页，超出单次采集的上限`);
    }
    const res = await fetchFromSource(this.reach, url, { maxBytes: this.limits.pageBytes, timeoutMs: this.limits.pageTimeoutMs, headers: { accept } });
    const body = await text(res.body);
    this.bytes += Buffer.byteLength(body);
    if (this.bytes > this.limits.totalBytes) {
      throw new AppError('HARVEST_TOO_LARGE', undefined, `来源目录超过 ${Math.floor(this.limits.totalBytes / 1024 / 1024)} MB，超出单次采集的上限`);
    }
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    return { url: res.url, status: res.status, mediaType, body };
  }
}
