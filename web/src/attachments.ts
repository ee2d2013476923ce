/** Files that go with a workflow step, as the API answers them (POST /api/v1/attachments, timelines). */
export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

/** Where a participant downloads a file (the server checks they may). */
export function attachmentUrl(id: string): string {
  return `/api/v1/attachments/${encodeURIComponent(id)}`;
}

/** What the server accepts, for the browser's file chooser. */
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.doc,.docx,.xls,.xlsx';
export const MAX_ATTACHMENT_MB = 10;
