/**
 * A dataset as another catalog describes it, whichever protocol brought it (CKAN or DCAT), and
 * the catalog entry it becomes here. The mapping is the one place that decides what of a remote
 * record we keep, and how much of it: remote text is cut to the lengths our own form allows,
 * links are kept only when they are http(s), and nothing of it is ever read as markup.
 */
import { createHash } from 'node:crypto';
import type { UpdateFrequency } from '../../domain/catalog.js';
import { isValidEmail } from '../../domain/identity.js';
import { BASELINE_CONDITIONS } from '../../domain/restricted.js';
import type { EntryInput } from '../catalog/entry-input.js';

export interface RemoteLink {
  name: string;
  url: string;
  format: string;
}

export interface RemoteDataset {
  /** Stable at the source: a CKAN package id, a DCAT dataset's IRI or dct:identifier. */
  remoteId: string;
  title: string;
  summary: string;
  tags: string[];
  domain: string;
  nationalTheme: string;
  district: string;
  updateFrequency: UpdateFrequency;
  /** The source says access is restricted (受限开放); otherwise the entry is 无条件开放. */
  restricted: boolean;
  openConditions: string;
  licence: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  /** The dataset's page at the source, shown on the entry as where it comes from. */
  landingPage: string | null;
  links: RemoteLink[];
}

/** A remote record that could not be read as a dataset: counted and reported, never fatal to the run. */
export interface UnreadableDataset {
  remoteId: string;
  title: string;
  error: string;
}

export type Gathered = RemoteDataset | UnreadableDataset;

export const isUnreadable = (d: Gathered): d is UnreadableDataset => 'error' in d;

/** What a harvested entry holds: its metadata, and where its page and data are at the source. */
export interface HarvestedContent {
  input: EntryInput;
  landingPage: string | null;
  links: RemoteLink[];
  /** Of everything above: equal hashes mean nothing changed at the source. */
  hash: string;
}

const MAX_LINKS = 50;

/** Text as our form would accept it: control characters out, whitespace trimmed, cut at `max` characters. */
export function clean(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return [...value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim()].slice(0, max).join('').trim();
}

/** An absolute http(s) URL, or null: a javascript: or data: link from a remote record goes nowhere. */
export function httpUrl(value: unknown, base?: string): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  const parsed = URL.canParse(value.trim(), base) ? new URL(value.trim(), base) : null;
  return parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? parsed.href : null;
}

/** The entry a remote dataset becomes in `departmentId`'s catalog; throws a Chinese message when it cannot be one. */
export function harvestedContent(dataset: RemoteDataset, departmentId: string): HarvestedContent {
  const title = clean(dataset.title, 200);
  if (!title) throw new Error('来源记录没有标题');
  const email = clean(dataset.contactEmail, 254);
  const input: EntryInput = {
    title,
    summary: clean(dataset.summary, 4000),
    departmentId,
    openType: dataset.restricted ? 'restricted' : 'unconditional',
    // A restricted entry needs its conditions in words and as structure: the source's words, and
    // the platform's baseline until the department sets its own.
    openConditions: dataset.restricted ? clean(dataset.openConditions, 2000) || '按来源系统的开放条件申请' : '',
    conditions: dataset.restricted ? BASELINE_CONDITIONS : null,
    dataFormat: clean([...new Set(dataset.links.map((l) => l.format.toUpperCase()).filter(Boolean))].join(','), 100),
    updateFrequency: dataset.updateFrequency,
    domain: clean(dataset.domain, 50),
    nationalTheme: clean(dataset.nationalTheme, 50),
    district: clean(dataset.district, 50),
    tags: [...new Set(dataset.tags.map((t) => clean(t, 30)).filter(Boolean))].slice(0, 20),
    fields: [],
    // The data stays at the source: the entry is catalog-only here, its links say where the data is.
    accessMethods: [],
    licence: clean(dataset.licence, 200),
    contactName: clean(dataset.contactName, 50),
    contactPhone: clean(dataset.contactPhone, 30),
    contactEmail: isValidEmail(email) ? email : '',
  };
  const links = dataset.links.slice(0, MAX_LINKS).map((l) => ({ name: clean(l.name, 200), url: l.url, format: clean(l.format, 20) }));
  const landingPage = dataset.landingPage;
  const hash = createHash('sha256').update(JSON.stringify({ input, landingPage, links })).digest('hex');
  return { input, landingPage, links, hash };
}
