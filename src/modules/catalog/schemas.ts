import { Type } from '@sinclair/typebox';
import { FIELD_TYPES, UPDATE_FREQUENCIES } from '../../domain/catalog.js';
import { APPLICANT_TYPES, SECURITY_CAPABILITY_CODES } from '../../domain/restricted.js';
import { CREDIT_LEVELS } from '../../domain/roles.js';
import { Text } from '../../http/schemas.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const DataItemSchema = Type.Object({
  name: Text(64, 1),
  title: Text(100),
  type: literals(FIELD_TYPES),
  description: Type.Optional(Text(500)),
  unit: Type.Optional(Text(20)),
  filterable: Type.Optional(Type.Boolean()),
  sensitive: Type.Optional(Type.Boolean()),
  requestable: Type.Optional(Type.Boolean({ description: '受限开放目录：可在申请中申请使用（默认 true）' })),
});

/** A restricted entry's structured 开放条件: the same for every applicant. */
export const ConditionsSchema = Type.Object({
  minCreditLevel: literals(CREDIT_LEVELS),
  applicantType: literals(Object.keys(APPLICANT_TYPES) as (keyof typeof APPLICANT_TYPES)[]),
  capabilities: Type.Array(literals(SECURITY_CAPABILITY_CODES), { maxItems: SECURITY_CAPABILITY_CODES.length, uniqueItems: true }),
  downloadAllowed: Type.Optional(Type.Boolean({ description: '是否允许以下载方式提供数据（默认仅接口调用）' })),
}, { description: '受限开放目录的申请条件：最低信用等级、申请人类型、须具备的安全能力、是否允许下载' });

export const EntryBody = Type.Object({
  title: Text(200, 1),
  summary: Text(4000),
  departmentId: Text(64, 1),
  openType: literals(['unconditional', 'restricted', 'prohibited'] as const),
  openConditions: Type.Optional(Text(2000)),
  conditions: Type.Optional(Type.Union([ConditionsSchema, Type.Null()])),
  dataFormat: Type.Optional(Text(100)),
  updateFrequency: literals(Object.keys(UPDATE_FREQUENCIES) as (keyof typeof UPDATE_FREQUENCIES)[]),
  domain: Type.Optional(Text(50)),
  nationalTheme: Type.Optional(Text(50)),
  district: Type.Optional(Text(50)),
  tags: Type.Optional(Type.Array(Text(30, 1), { maxItems: 20 })),
  fields: Type.Optional(Type.Array(DataItemSchema, { maxItems: 500 })),
  accessMethods: Type.Optional(Type.Array(literals(['data', 'api'] as const), { maxItems: 2 })),
  licence: Type.Optional(Text(200)),
  contactName: Type.Optional(Text(50)),
  contactPhone: Type.Optional(Text(30)),
  contactEmail: Type.Optional(Text(254)),
});
