import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/adapter.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { DepartmentTable } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { isValidEmail } from '../../domain/identity.js';

export interface DepartmentInput {
  name: string;
  kind?: 'authority' | 'provider' | undefined;
  responsibleUnit: string;
  contactPerson: string;
  contactPhone: string;
  contactEmail: string;
  address?: string | undefined;
  description?: string | undefined;
}

export type DepartmentView = ReturnType<typeof toView>;

const toView = (d: DepartmentTable) => ({
  id: d.id,
  name: d.name,
  kind: d.kind,
  responsibleUnit: d.responsible_unit,
  contact: { person: d.contact_person, phone: d.contact_phone, email: d.contact_email },
  address: d.address,
  description: d.description,
  createdAt: d.created_at,
  updatedAt: d.updated_at,
});

/** 开放主体: the authority keeps them; their 专人专岗 contacts are public. */
export class DepartmentService {
  /** `onChange` lets the search index follow a department's name into its entries. */
  constructor(private readonly db: Database, private readonly onChange: (id: string) => Promise<void> = async () => {}) {}

  async list(): Promise<DepartmentView[]> {
    const rows = await this.db.selectFrom('departments').selectAll().orderBy('kind').orderBy('name').execute();
    return rows.map(toView);
  }

  /** The data authority's department (the seed makes it with every database), if it exists yet. */
  async authority(): Promise<DepartmentView | undefined> {
    const row = await this.db.selectFrom('departments').selectAll().where('kind', '=', 'authority').orderBy('created_at').limit(1).executeTakeFirst();
    return row ? toView(row) : undefined;
  }

  async get(id: string): Promise<DepartmentView> {
    const row = await this.db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return toView(row);
  }

  async create(input: DepartmentInput): Promise<DepartmentView> {
    checkInput(input);
    await this.assertNameFree(input.name);
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.insertInto('departments').values({
      id,
      name: input.name.trim(),
      kind: input.kind ?? 'provider',
      responsible_unit: input.responsibleUnit.trim(),
      contact_person: input.contactPerson.trim(),
      contact_phone: input.contactPhone.trim(),
      contact_email: input.contactEmail.trim(),
      address: input.address?.trim() ?? '',
      description: input.description?.trim() ?? '',
      created_at: now,
      updated_at: now,
    }).execute().catch(nameTaken);
    return this.get(id);
  }

  async update(id: string, patch: Partial<DepartmentInput>): Promise<DepartmentView> {
    await this.get(id);
    checkInput(patch);
    if (patch.name) await this.assertNameFree(patch.name, id);
    const set: Partial<DepartmentTable> = { updated_at: new Date().toISOString() };
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.responsibleUnit !== undefined) set.responsible_unit = patch.responsibleUnit.trim();
    if (patch.contactPerson !== undefined) set.contact_person = patch.contactPerson.trim();
    if (patch.contactPhone !== undefined) set.contact_phone = patch.contactPhone.trim();
    if (patch.contactEmail !== undefined) set.contact_email = patch.contactEmail.trim();
    if (patch.address !== undefined) set.address = patch.address.trim();
    if (patch.description !== undefined) set.description = patch.description.trim();
    await this.db.updateTable('departments').set(set).where('id', '=', id).execute().catch(nameTaken);
    await this.onChange(id);
    return this.get(id);
  }

  private async assertNameFree(name: string, exceptId?: string): Promise<void> {
    let q = this.db.selectFrom('departments').select('id').where('name', '=', name.trim());
    if (exceptId) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst()) throw new AppError('NAME_TAKEN', 'name');
  }
}

/** The name's unique index refusing a write that raced past assertNameFree with the same name. */
function nameTaken(err: unknown): never {
  throw isUniqueViolation(err) ? new AppError('NAME_TAKEN', 'name') : err;
}

/** Office numbers look like 0571-87654321 or a mobile; the published contact must be reachable. */
function checkInput(input: Partial<DepartmentInput>): void {
  if (input.contactEmail !== undefined && !isValidEmail(input.contactEmail.trim())) throw new AppError('INVALID_EMAIL', 'contactEmail');
  if (input.contactPhone !== undefined && !/^[\d\-+() ]{7,20}$/.test(input.contactPhone.trim())) {
    throw new AppError('INVALID_PHONE', 'contactPhone');
  }
  for (const field of ['name', 'responsibleUnit', 'contactPerson'] as const) {
    if (input[field] !== undefined && input[field]!.trim() === '') throw new AppError('VALIDATION_FAILED', field, '不能为空');
  }
}
