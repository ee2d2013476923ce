import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from './api';

/**
 * The server appends the field's name to its message ("（字段：idNumber）"); next to the
 * marked field that is noise, so it is left out there.
 */
function withoutFieldSuffix(message: string, field: string): string {
  return message.replace(`（字段：${field}）`, '').replace(` (field: ${field})`, '');
}

/**
 * Shows a failed request on the form: on the field the server named when this form has it,
 * otherwise as the returned form-level message.
 */
export function showServerError(form: FormInstance, err: unknown, fields: readonly string[]): string | null {
  if (err instanceof ApiError && err.field && fields.includes(err.field)) {
    form.setFields([{ name: err.field, errors: [withoutFieldSuffix(err.message, err.field)] }]);
    form.scrollToField(err.field);
    return null;
  }
  return errorMessage(err);
}
