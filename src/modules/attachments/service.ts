import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import type { Database, KeyLock } from '../../db/adapter.js';
import type { UnitOfWork } from '../../db/unit-of-work.js';
import type { AttachmentTable } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { detectFileType } from '../blobs/content.js';
import type { BlobStore } from '../blobs/store.js';

export type AttachmentRow = Selectable<AttachmentTable>;

/** One file's limit: a scanned licence or a certificate, not a data set. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Files one account may hold uploaded but not yet part of any step: enough for a form, not for filling the disk. */
const MAX_PENDING_PER_ACCOUNT = 20;
/** An upload no step named within this many hours was abandoned with its form. */
export const ABANDONED_AFTER_HOURS = 24;

/** What goes with an application or a decision: documents and scans, recognised by their bytes. */
const ACCEPTED = new Set([
  'application/pdf', 'image/png', 'image/jpeg', 'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword', 'application/vnd.ms-excel', 'application/x-cfb',
]);

/** A file in the blob store, checked, not yet recorded. */
export interface ReceivedFile {
  key: string;
  size: number;
  contentType: string;
  fileName: string;
}

/** A file as the participants of its case see it. */
export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

/**
 * Files that go with workflow steps. A file is uploaded first, outside any transaction, and is
 * its uploader's alone; a step that names it makes it part of the case (a guarded claim, so one
 * file joins one step only); an upload no step ever named is swept away.
 */
export class AttachmentService {
  constructor(private readonly db: Database, private readonly blobs: BlobStore, private readonly unitOfWork: UnitOfWork, private readonly lockKey: KeyLock) {}

  /**
   * Receives an uploaded file into the blob store and checks its size and its bytes, outside any
   * transaction (a slow client holds no lock); refused, nothing stays behind. `register` then
   * records it in the upload's command.
   */
  async receive(ownerId: string, file: Readable, fileName: string): Promise<ReceivedFile> {
    try {
      await this.assertRoomFor(ownerId);
    } catch (err) {
      file.resume();
      throw err;
    }
    const extension = (/\.[a-z0-9]{1,8}$/i.exec(fileName)?.[0] ?? '').toLowerCase();
    const { key, size } = await this.blobs.put(file, MAX_ATTACHMENT_BYTES, extension);
    try {
      if (size === 0) throw new AppError('EMPTY_FILE', 'file');
      const detected = await detectFileType(this.blobs, key);
      if (!detected || !ACCEPTED.has(detected.mime)) {
        throw new AppError('UNSUPPORTED_FORMAT', 'file', '附件仅支持 PDF、图片（PNG、JPEG、WebP）和 Word、Excel 文档');
      }
      return { key, size, contentType: detected.mime, fileName: fileName.slice(0, 200) };
    } catch (err) {
      await this.blobs.remove(key);
      throw err;
    }
  }

  /** Records a received file as its uploader's pending attachment. */
  async register(ownerId: string, file: ReceivedFile): Promise<AttachmentView> {
    // Counted again, in line: uploads received side by side all passed the first count.
    await this.lockKey(this.db, `attachments:${ownerId}`);
    await this.assertRoomFor(ownerId);
    const row: AttachmentRow = {
      id: randomUUID(), blob_key: file.key, file_name: file.fileName, content_type: file.contentType, size: file.size,
      uploaded_by: ownerId, uploaded_at: new Date().toISOString(), case_id: null, step_id: null,
    };
    await this.db.insertInto('attachments').values(row).execute();
    return view(row);
  }

  private async assertRoomFor(ownerId: string): Promise<void> {
    const pending = await this.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('uploaded_by', '=', ownerId).where('step_id', 'is', null).executeTakeFirstOrThrow();
    if (Number(pending.n) >= MAX_PENDING_PER_ACCOUNT) {
      throw new AppError('RATE_LIMITED', 'file', `尚未提交的附件已达 ${MAX_PENDING_PER_ACCOUNT} 个，请先提交或删除`);
    }
  }

  /** Removes a received file whose command failed. */
  async drop(file: ReceivedFile): Promise<void> {
    await this.blobs.remove(file.key);
  }

  /** Deletes one of the caller's own files that no step has taken yet. */
  async discard(id: string, ownerId: string): Promise<void> {
    const row = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).where('uploaded_by', '=', ownerId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const removed = await this.db.deleteFrom('attachments').where('id', '=', id).where('step_id', 'is', null).executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) throw new AppError('CONFLICT', 'id', '该附件已随办理步骤提交，不能删除');
    await this.unitOfWork.afterCommit(() => this.blobs.remove(row.blob_key));
  }

  /**
   * Makes the uploader's pending files part of a step. Each is claimed by a guarded update, so a
   * file named by two steps at once joins one; a file that is someone else's, unknown or already
   * taken is refused and the step with it (the caller's transaction rolls back).
   */
  async claim(ids: readonly string[], ownerId: string | null, caseId: string, stepId: string): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const claimed = ownerId === null ? 0 : Number((await this.db.updateTable('attachments').set({ case_id: caseId, step_id: stepId })
      .where('id', 'in', unique).where('uploaded_by', '=', ownerId).where('step_id', 'is', null).executeTakeFirst()).numUpdatedRows);
    if (claimed !== unique.length) throw new AppError('VALIDATION_FAILED', 'attachmentIds', '附件不存在、不属于您或已随其他步骤提交，请重新上传');
  }

  /** A case's files by the step that brought them. */
  async ofCase(caseId: string): Promise<Map<string, AttachmentView[]>> {
    const rows = await this.db.selectFrom('attachments').selectAll().where('case_id', '=', caseId).orderBy('uploaded_at').orderBy('id').execute();
    const byStep = new Map<string, AttachmentView[]>();
    for (const row of rows) byStep.set(row.step_id!, [...(byStep.get(row.step_id!) ?? []), view(row)]);
    return byStep;
  }

  async get(id: string): Promise<AttachmentRow> {
    const row = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  read(row: AttachmentRow): Promise<Readable> {
    return this.blobs.read(row.blob_key);
  }

  /** Deletes uploads no step named before `before`; their files go once the deletion is committed. */
  async sweepAbandoned(before: Date): Promise<number> {
    const rows = await this.db.selectFrom('attachments').select(['id', 'blob_key']).where('step_id', 'is', null)
      .where('uploaded_at', '<', before.toISOString()).execute();
    for (const row of rows) {
      const removed = await this.db.deleteFrom('attachments').where('id', '=', row.id).where('step_id', 'is', null).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 1) await this.unitOfWork.afterCommit(() => this.blobs.remove(row.blob_key));
    }
    return rows.length;
  }
}

function view(row: AttachmentRow): AttachmentView {
  return { id: row.id, fileName: row.file_name, contentType: row.content_type, size: Number(row.size), uploadedAt: row.uploaded_at };
}
