import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { siteOrigin } from './origin.js';

const PAGE_SIZE = 100;

/** A date, or a date and time with seconds, fractions and a zone as ISO 8601 writes them. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/** Whether the calendar has the day (Date would quietly make 2 月 30 日 into 3 月 1 日). */
const isCalendarDay = (ymd: string) => new Date(`${ymd}T00:00:00Z`).toISOString().startsWith(ymd);

/** `since` as a UTC instant written as changes are stored (toISOString), or refused. */
function parseSince(since: string): string {
  const time = ISO_TIME.test(since) ? new Date(since) : undefined;
  if (!time || Number.isNaN(time.getTime()) || !isCalendarDay(since.slice(0, 10))) {
    throw new AppError('VALIDATION_FAILED', 'since', 'since 须为 ISO 8601 时间（含时区），例如 2024-05-01T00:00:00Z 或 2024-05-01T08:00:00+08:00');
  }
  return time.toISOString();
}

const Item = Type.Object({
  kind: Type.Union([Type.Literal('entry'), Type.Literal('resource')], { description: 'entry：数据目录；resource：数据资源' }),
  id: Type.String(),
  entryId: Type.Optional(Type.String({ description: '数据资源所属目录的 id' })),
  change: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('withdrawn')]),
  at: Type.String({ format: 'date-time' }),
});

const EXAMPLE = {
  items: [
    { kind: 'entry', id: '0b6f3c9e-5d2a-4f1e-9a7b-3c2d1e0f9a8b', change: 'created', at: '2024-05-01T02:00:00.000Z' },
    { kind: 'resource', id: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6', entryId: '0b6f3c9e-5d2a-4f1e-9a7b-3c2d1e0f9a8b', change: 'created', at: '2024-05-01T02:00:00.000Z' },
    { kind: 'resource', id: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6', entryId: '0b6f3c9e-5d2a-4f1e-9a7b-3c2d1e0f9a8b', change: 'updated', at: '2024-05-02T01:30:00.000Z' },
    { kind: 'entry', id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', change: 'withdrawn', at: '2024-05-03T09:00:00.000Z' },
  ],
  next: 'https://data.example.gov.cn/api/v1/catalog/changes?since=2024-05-01T00%3A00%3A00.000Z&after=4',
};

/** 数据更新查询: GET /api/v1/catalog/changes?since=…, for mirrors and harvesters. */
export async function catalogChangeRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/catalog/changes', {
    schema: {
      tags: ['数据目录'],
      summary: '数据更新查询：某一时间以来新增、更新和撤下的目录与数据资源（公开）',
      description: [
        '按发生顺序（从早到晚）列出 `since` 以来公开目录的变化，每页 100 条；还有下一页时给出 `next`，原样请求即可，',
        '它带着游标 `after`（上一页最后一条变化的序号），在并发写入时也不会漏掉或重复。',
        '只含访客能看到的内容：目录撤下或改为禁止开放时记为 withdrawn，只给 id；草稿和禁止开放目录从不出现。',
        '',
        '例：`curl "https://data.example.gov.cn/api/v1/catalog/changes?since=2024-05-01T08:00:00%2B08:00"` 返回：',
        '```json', JSON.stringify(EXAMPLE, null, 2), '```',
      ].join('\n'),
      querystring: Type.Object({
        since: Type.String({ maxLength: 40, description: 'ISO 8601 时间（含时区），例如 2024-05-01T00:00:00Z；只写日期时按 UTC 零点', examples: ['2024-05-01T00:00:00Z'] }),
        // Bounded by the stored numbers' column (a 32-bit integer on PostgreSQL).
        after: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: '游标：由 next 给出' })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Item), next: Type.Optional(Type.String({ format: 'uri' })) }, { examples: [EXAMPLE] }) },
    },
  }, async (req) => {
    authorize(req, 'catalog.search');
    const since = parseSince(req.query.since);
    const { items, last } = await ctx.catalogChanges.list(since, req.query.after ?? 0, PAGE_SIZE);
    if (last === null) return { items };
    const next = new URLSearchParams({ since, after: String(last) });
    return { items, next: `${siteOrigin(req, ctx.config.publicUrl)}/api/v1/catalog/changes?${next}` };
  });
}
