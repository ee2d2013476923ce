import { AppError } from '../domain/errors.js';

/** A multipart body that ends early or is not multipart at all: the client is told to send it again. */
export function unreadableBody(err: unknown): never {
  if (err instanceof AppError || (err as NodeJS.ErrnoException).code) throw err;
  throw new AppError('MALFORMED_FILE', 'file', '上传的请求体不完整或格式有误，请重新上传');
}
