import { Type, type TSchema } from '@sinclair/typebox';

/** Shared pieces of route schemas. */
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }),
}, { $id: 'ErrorResponse', description: '统一错误格式' });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Page numbers are bounded so that no offset overflows what the engines accept. */
export const Paging = {
  page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

export const Page = <T extends TSchema>(item: T) => Type.Object({ total: Type.Integer(), items: Type.Array(item) });

/** Free text of bounded length; stored as given and escaped wherever it is shown. */
export const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });

/** Files uploaded beforehand (POST /api/v1/attachments) that go with the step. */
export const AttachmentIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10, description: '随此步骤提交的附件 id（先经 POST /api/v1/attachments 上传）' });
