import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from './api';

/**
 * The server appends the field's name to its message ("（字段：idNumber）"); next to the
 * marked field that is noise, so it is left out there.
 */
function withoutFieldSuffix(message: string, field: string): string {
  return message.replace(`（字段：${field}）`, '').replace(` (field: ${field})`, '');
}

/** Where a form keeps a value: a name, or the path to a nested one (['capability', 'storage']). */
export type FieldPath = string | (string | number)[];

/**
 * Shows a failed request on the form: on the field the server named when this form has it,
 * otherwise as the returned form-level message. `names` places a server field the form keeps
 * under another name or path.
 */
export function showServerError(form: FormInstance, err: unknown, fields: readonly string[], names: Readonly<Record<string, FieldPath>> = {}): string | null {
  if (err instanceof ApiError && err.field && (fields.includes(err.field) || err.field in names)) {
    const name = names[err.field] ?? err.field;
    form.setFields([{ name, errors: [withoutFieldSuffix(err.message, err.field)] }]);
    form.scrollToField(name);
    return null;
  }
  return errorMessage(err);
}
