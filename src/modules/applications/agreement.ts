import { Readable } from 'node:stream';
import type { Database } from '../../db/adapter.js';
import { chinaDate } from '../../domain/calendar.js';
import type { BlobStore } from '../blobs/store.js';
import { sm3Hex } from './agreement-digest.js';
import { renderAgreementPdf, type AgreementSignature } from './agreement-pdf.js';
import { fillTemplate } from './agreement-template.js';
import { formOf, type ApplicationRow } from './service.js';

/** The template in force: the authority's latest version (a versioned text, like the licence). */
export interface AgreementTemplate {
  version: number;
  title: string;
  text: string;
}

/** A rendered, signed agreement put in the blob store, with its SM3 digest and the terms it was filled with (JSON). */
export interface StoredAgreement {
  key: string;
  sm3: string;
  version: number;
  terms: string;
}

/** The template's values: the parties, the data, the period… (agreement-template.ts). */
type Terms = Record<string, string>;

/** The largest agreement PDF kept (a few pages of text with an embedded font subset). */
const MAX_AGREEMENT_BYTES = 20 * 1024 * 1024;

/**
 * 协议签订 (rules 二.3 step 4): the 公共数据开放利用协议 generated from the authority's template and
 * the application — the parties, the granted data items, purpose, period, delivery — rendered as
 * a PDF. Each signature renders it again with the signature block filled and stores it; the SM3
 * digest of the stored bytes is what both parties are shown. The terms are filled in once, at
 * the applicant's signature, and kept: the department confirms what the applicant signed, even
 * if a party, the entry or a data item has been renamed since.
 */
export class AgreementService {
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    /** A version of the template, or the one in force (null). */
    private readonly templateOf: (version: number | null) => Promise<AgreementTemplate>,
  ) {}

  /**
   * The agreement as it reads now: the stored signed copy once there is one, otherwise the text
   * generated from the current template for the applicant to read before signing.
   */
  async pdf(row: ApplicationRow): Promise<Buffer | Readable> {
    if (row.agreement_blob_key) return this.blobs.read(row.agreement_blob_key);
    return this.render(await this.template(row), await this.terms(row), {}, `${chinaDate()}T00:00:00+08:00`);
  }

  /**
   * Renders and stores the agreement with the applicant's signature (`sign`) or both (`confirm`),
   * each party signing under the name the terms give it. Outside any transaction: rendering
   * takes its time.
   */
  async sign(row: ApplicationRow, transition: 'sign' | 'confirm', at: string): Promise<StoredAgreement> {
    const template = await this.template(row);
    const terms: Terms = row.agreement_terms ? JSON.parse(row.agreement_terms) as Terms : await this.terms(row);
    const applicant = { name: terms.applicant!, at: row.applicant_signed_at ?? at };
    const signatures = transition === 'sign' ? { applicant } : { applicant, department: { name: terms.department!, at } };
    const pdf = await this.render(template, terms, signatures, row.applicant_signed_at ?? at);
    const { key } = await this.blobs.put(Readable.from([pdf]), MAX_AGREEMENT_BYTES, '.pdf');
    return { key, sm3: sm3Hex(pdf), version: template.version, terms: JSON.stringify(terms) };
  }

  async discard(stored: StoredAgreement): Promise<void> {
    await this.blobs.remove(stored.key);
  }

  /** The version the applicant signed stays the text of the agreement, whatever the authority publishes later. */
  private template(row: ApplicationRow): Promise<AgreementTemplate> {
    return this.templateOf(row.agreement_version);
  }

  private render(template: AgreementTemplate, terms: Terms, signatures: { applicant?: AgreementSignature; department?: AgreementSignature }, createdAt: string): Promise<Buffer> {
    return renderAgreementPdf({ title: template.title, body: fillTemplate(template.text, terms), createdAt, signatures });
  }

  /** The terms as they read now, for the applicant to read and sign. */
  private async terms(row: ApplicationRow): Promise<Terms> {
    const form = formOf(row);
    const entry = await this.db.selectFrom('catalog_entries').select(['title', 'fields']).where('id', '=', row.entry_id).executeTakeFirstOrThrow();
    const declared = JSON.parse(entry.fields) as { name: string; title: string }[];
    const titled = form.fields.map((name) => {
      const title = declared.find((d) => d.name === name)?.title.trim();
      return title && title !== name ? `${title}（${name}）` : name;
    });
    // The applicant signs with the verified person's or organisation's name, not the display name.
    const user = await this.db.selectFrom('users').select(['real_name', 'display_name', 'verification_type']).where('id', '=', row.applicant_id).executeTakeFirstOrThrow();
    const department = await this.db.selectFrom('departments').select('name').where('id', '=', row.department_id).executeTakeFirstOrThrow();
    const authority = await this.db.selectFrom('departments').select('name').where('kind', '=', 'authority').orderBy('created_at').limit(1).executeTakeFirst();
    // Dated the day the applicant signs it (an application signed before its terms were kept: the day it was signed).
    const day = row.applicant_signed_at ? chinaDate(new Date(row.applicant_signed_at)) : chinaDate();
    return {
      applicant: user.real_name ?? user.display_name,
      applicantType: user.verification_type === 'organization' ? '法人或非法人组织' : '自然人',
      department: department.name,
      entryTitle: entry.title,
      fields: titled.join('、'),
      purpose: form.purpose,
      scenario: form.scenario,
      periodStart: chineseDate(form.periodStart ?? ''),
      periodEnd: chineseDate(form.periodEnd ?? ''),
      delivery: form.delivery === 'download' ? '数据下载' : '接口调用',
      authority: authority?.name ?? '公共数据主管部门',
      applicationId: row.id,
      date: chineseDate(day),
    };
  }
}

/** 2026-03-05 → 2026年3月5日. */
function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}
