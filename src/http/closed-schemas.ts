/**
 * Request schemas list what an action takes; nothing else may reach a service. Every object
 * of a body schema is closed here, once for all routes, rather than by each route remembering
 * `additionalProperties: false`: a body with a property the schema does not list is refused
 * (a registration carrying `roles` is a 400, not an administrator), and a query string's
 * unknown parameters are dropped before the handler sees them. A schema that means to stay
 * open says `additionalProperties: true` (CKAN actions, whose clients send other versions'
 * parameters).
 */
type Schema = Record<string | symbol, unknown>;

const NESTED_LISTS = ['anyOf', 'oneOf'] as const;
const NESTED_MAPS = ['properties', 'patternProperties'] as const;

export function closeObjects<T>(schema: T): T {
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Schema;
  // allOf members would each refuse the others' properties: such a schema must be one object.
  if (source.allOf) throw new Error('request schemas must not use allOf (Type.Intersect): write one object (Type.Composite)');
  const copy: Schema = { ...source };
  for (const key of NESTED_LISTS) {
    if (Array.isArray(source[key])) copy[key] = (source[key] as unknown[]).map(closeObjects);
  }
  for (const key of NESTED_MAPS) {
    const map = source[key] as Record<string, unknown> | undefined;
    if (map) copy[key] = Object.fromEntries(Object.entries(map).map(([name, value]) => [name, closeObjects(value)]));
  }
  if (source.items && typeof source.items === 'object') copy.items = closeObjects(source.items);
  if (source.type === 'object' && source.additionalProperties === undefined) copy.additionalProperties = false;
  return copy as T;
}
