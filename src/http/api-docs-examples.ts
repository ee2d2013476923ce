/**
 * A worked example for each data route in the API documentation: a request a reader can run
 * against the demo data (its curl command, its parameters filled in) and the answer it gets,
 * abridged. Kept here, beside the grouping, rather than in each route's schema: the examples
 * are one story told across modules, and test/api-docs.test.ts runs every one of them.
 */
import { BUS_STOPS } from '../seed/demo-datasets.js';

export interface WorkedExample {
  method: 'GET' | 'POST';
  /** The route in OpenAPI form, as the documentation lists it. */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Whether the example needs a data user's key (real-name verified, licence accepted). */
  key: boolean;
  /** Part of the answer: every property shown is in the real one, lists in full. */
  answer: unknown;
  /** The answer's type where it is not JSON. */
  contentType?: string;
}

const stop = { station_id: 'HZ10000', station_name: '文三路教工路西', road: '文三路', district: '西湖区' };
const stopFields = Object.keys(stop).join(',');

export const WORKED_EXAMPLES: WorkedExample[] = [
  {
    method: 'GET', path: '/api/v1/catalog', key: false,
    query: { q: BUS_STOPS.title, openType: 'unconditional', pageSize: '1' },
    answer: { items: [{ id: BUS_STOPS.entryId, title: BUS_STOPS.title, openType: 'unconditional', hasData: true }] },
  },
  {
    method: 'GET', path: '/api/v1/resources/{id}/records', key: true,
    params: { id: BUS_STOPS.resourceId },
    query: { filters: JSON.stringify({ station_id: stop.station_id }), fields: stopFields, sort: 'opened_on desc', limit: '10' },
    answer: { total: 1, fields: Object.keys(stop).map((name) => ({ name, type: 'string' })), records: [stop] },
  },
  {
    method: 'GET', path: '/api/v1/resources/{id}/stats', key: true,
    params: { id: BUS_STOPS.resourceId },
    answer: { rowCount: 1500 },
  },
  {
    method: 'GET', path: '/api/v1/resources/{id}/download', key: true,
    params: { id: BUS_STOPS.resourceId }, query: { format: 'csv', bom: '0' },
    answer: 'station_id,station_name,road,district,longitude,latitude,line_count,opened_on\n', contentType: 'text/csv',
  },
  {
    method: 'GET', path: '/api/3/action/package_search', key: false,
    query: { q: BUS_STOPS.title, rows: '1', sort: 'score desc' },
    answer: { success: true, result: { results: [{ id: BUS_STOPS.entryId, title: BUS_STOPS.title }] } },
  },
  {
    method: 'GET', path: '/api/3/action/package_show', key: false,
    query: { id: BUS_STOPS.entryId },
    answer: { success: true, result: { id: BUS_STOPS.entryId, title: BUS_STOPS.title, organization: { title: '杭州市交通运输局' } } },
  },
  {
    method: 'GET', path: '/api/3/action/datastore_search', key: true,
    query: { resource_id: BUS_STOPS.resourceId, filters: JSON.stringify({ station_id: stop.station_id }), fields: stopFields },
    answer: { success: true, result: { total: 1, records: [stop] } },
  },
];

/** The example as a request line: the path with its parameters, the query encoded. */
export function exampleUrl(example: WorkedExample): string {
  const path = example.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(example.params?.[name] ?? ''));
  const query = new URLSearchParams(example.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

/** The curl command a reader runs: `-G --data-urlencode` so that Chinese and JSON travel encoded. */
function curlOf(example: WorkedExample): string {
  const path = exampleUrl({ ...example, query: {} });
  const parts = ["curl -G", ...(example.key ? ['-H "Authorization: Bearer $SHUKAI_KEY"'] : []), `'http://localhost:3000${path}'`];
  for (const [name, value] of Object.entries(example.query ?? {})) parts.push(`--data-urlencode '${name}=${value}'`);
  return parts.join(' \\\n  ');
}

type Operation = {
  description?: string;
  parameters?: { name: string; in: string; example?: unknown }[];
  responses?: Record<string, { description?: string; content?: Record<string, { example?: unknown; schema?: unknown }> }>;
};

/** Writes each example into its operation: parameter values, the curl command, the answer. */
export function addWorkedExamples(paths: Record<string, Record<string, Operation>>): void {
  for (const example of WORKED_EXAMPLES) {
    // CKAN's actions are served at /api/action/… too, as ckanapi calls them: the same example.
    for (const path of new Set([example.path, example.path.replace(/^\/api\/3\/action\//, '/api/action/')])) {
      const operation = paths[path]?.[example.method.toLowerCase()];
      if (operation) describeExample(operation, { ...example, path });
    }
  }
}

/** One operation's example: its parameters' values, the curl command in its description, the answer. */
function describeExample(operation: Operation, example: WorkedExample): void {
  const values = { ...example.params, ...example.query };
  for (const parameter of operation.parameters ?? []) {
    if (parameter.name in values) parameter.example = values[parameter.name];
  }
  const key = example.key ? '\n\n（`SHUKAI_KEY` 为实名认证并已同意授权协议的用户在 个人中心 → API 密钥 中取得的 `<key>:<secret>`。）' : '';
  operation.description = `${operation.description ? `${operation.description}\n\n` : ''}**示例**（演示数据）：\n\n\`\`\`sh\n${curlOf(example)}\n\`\`\`${key}`;
  const contentType = example.contentType ?? 'application/json';
  const responses = (operation.responses ??= {});
  const ok = (responses['200'] ??= { description: '成功' });
  const content = (ok.content ??= {});
  content[contentType] = { ...content[contentType], example: example.answer };
}
