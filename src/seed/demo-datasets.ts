import { writeFile } from 'node:fs/promises';
import type { AppContext } from '../context.js';
import type { DataItem } from '../domain/catalog.js';
import type { EntryInput } from '../modules/catalog/entry-input.js';

/** A deterministic generator, so every fresh demo shows the same rows. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const DISTRICTS = ['上城区', '拱墅区', '西湖区', '滨江区', '萧山区', '余杭区', '临平区', '钱塘区', '富阳区', '临安区'];
const ROADS = ['文一路', '文二路', '天目山路', '延安路', '解放路', '庆春路', '江南大道', '莫干山路', '秋涛路', '古墩路', '学院路', '教工路', '紫金港路', '东新路', '凤起路'];

const item = (name: string, title: string, type: DataItem['type'], extra: Partial<DataItem> = {}): DataItem =>
  ({ name, title, type, description: '', unit: '', filterable: false, sensitive: false, ...extra });

interface DemoDataset {
  departmentName: string;
  entry: Omit<EntryInput, 'departmentId' | 'licence' | 'contactName' | 'contactPhone' | 'contactEmail' | 'district' | 'nationalTheme' | 'accessMethods'>;
  rows(): string[][];
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const DATASETS: DemoDataset[] = [
  {
    departmentName: '杭州市交通运输局',
    entry: {
      title: '杭州公交站点信息', summary: '杭州市区公交站点的名称、所在道路、所属区县、经纬度及途经线路数。', openType: 'unconditional', openConditions: '',
      dataFormat: 'CSV,XLSX,JSON,XML', updateFrequency: 'monthly', domain: '交通出行', tags: ['公交', '站点', '出行'],
      fields: [
        item('station_id', '站点编号', 'string', { filterable: true }), item('station_name', '站点名称', 'string', { filterable: true }),
        item('road', '所在道路', 'string'), item('district', '所属区县', 'string', { filterable: true }),
        item('longitude', '经度', 'number', { unit: '度' }), item('latitude', '纬度', 'number', { unit: '度' }),
        item('line_count', '途经线路数', 'integer', { filterable: true, unit: '条' }), item('opened_on', '启用日期', 'date', { filterable: true }),
      ],
    },
    rows() {
      const r = random(1);
      return Array.from({ length: 1500 }, (_, i) => {
        const road = ROADS[Math.floor(r() * ROADS.length)]!;
        const suffix = ['口', '站', '东', '西', '北', '南'][Math.floor(r() * 6)]!;
        return [`HZ${String(10000 + i)}`, `${road}${['学院路', '古墩路', '莫干山路', '教工路'][i % 4]}${suffix}`, road, DISTRICTS[Math.floor(r() * DISTRICTS.length)]!,
          (120.05 + r() * 0.35).toFixed(6), (30.15 + r() * 0.2).toFixed(6), String(1 + Math.floor(r() * 12)),
          `20${String(5 + Math.floor(r() * 19)).padStart(2, '0')}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`];
      });
    },
  },
  {
    departmentName: '杭州市生态环境局',
    entry: {
      title: '杭州市空气质量日报', summary: '全市各国控监测点位每日空气质量指数（AQI）、首要污染物及主要污染物浓度。', openType: 'unconditional', openConditions: '',
      dataFormat: 'CSV,XLSX,JSON,XML', updateFrequency: 'daily', domain: '生态环境', tags: ['空气质量', 'AQI', '环境监测'],
      fields: [
        item('date', '监测日期', 'date', { filterable: true }), item('station', '监测点位', 'string', { filterable: true }),
        item('aqi', '空气质量指数', 'integer', { filterable: true }), item('level', '空气质量级别', 'string', { filterable: true }),
        item('primary_pollutant', '首要污染物', 'string'), item('pm25', 'PM2.5浓度', 'number', { unit: 'μg/m³' }),
        item('pm10', 'PM10浓度', 'number', { unit: 'μg/m³' }), item('o3', '臭氧浓度', 'number', { unit: 'μg/m³' }),
      ],
    },
    rows() {
      const r = random(2);
      const stations = ['西溪', '千岛湖', '下沙', '卧龙桥', '浙江农大', '滨江', '朝晖五区', '和睦小学', '临平镇', '城厢镇', '云栖'];
      const out: string[][] = [];
      for (let d = 0; d < 180; d++) {
        const date = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
        for (const station of stations) {
          const aqi = Math.round(30 + r() * 120);
          const level = aqi <= 50 ? '优' : aqi <= 100 ? '良' : aqi <= 150 ? '轻度污染' : '中度污染';
          out.push([date, station, String(aqi), level, aqi <= 50 ? '' : ['PM2.5', 'O3', 'PM10'][Math.floor(r() * 3)]!,
            (aqi * 0.6 * (0.8 + r() * 0.4)).toFixed(1), (aqi * 0.9 * (0.8 + r() * 0.4)).toFixed(1), (40 + r() * 120).toFixed(1)]);
        }
      }
      return out;
    },
  },
  {
    departmentName: '杭州市卫生健康委员会',
    entry: {
      title: '杭州市医疗机构名录', summary: '全市已登记医疗机构的名称、类别、等级、地址、床位数和联系电话。', openType: 'unconditional', openConditions: '',
      dataFormat: 'CSV,XLSX,JSON,XML', updateFrequency: 'quarterly', domain: '医疗卫生', tags: ['医疗机构', '医院', '卫生'],
      fields: [
        item('name', '机构名称', 'string', { filterable: true }), item('category', '机构类别', 'string', { filterable: true }),
        item('grade', '机构等级', 'string', { filterable: true }), item('district', '所属区县', 'string', { filterable: true }),
        item('address', '地址', 'string'), item('beds', '核定床位数', 'integer', { unit: '张' }), item('phone', '联系电话', 'string'),
      ],
    },
    rows() {
      const r = random(3);
      const kinds = [['综合医院', '三级甲等'], ['中医医院', '三级甲等'], ['社区卫生服务中心', '一级'], ['专科医院', '二级甲等'], ['诊所', '未定级']];
      return Array.from({ length: 600 }, (_, i) => {
        const [category, grade] = kinds[Math.floor(r() * kinds.length)]!;
        const district = DISTRICTS[Math.floor(r() * DISTRICTS.length)]!;
        const road = ROADS[Math.floor(r() * ROADS.length)]!;
        return [`杭州市${district}${road}${category}${i % 7 === 0 ? '（分院）' : ''}`, category!, grade!, district, `杭州市${district}${road}${1 + Math.floor(r() * 600)}号`,
          String(category === '诊所' ? 0 : Math.floor(20 + r() * 1500)), `0571-${String(80000000 + Math.floor(r() * 9999999))}`];
      });
    },
  },
];

/**
 * A few entries with realistic generated rows, so preview, statistics, downloads and the API
 * work out of the box. They go through the real ingest path, then are published.
 */
export async function seedDemoDatasets(ctx: AppContext): Promise<void> {
  const departments = await ctx.departments.list();
  for (const dataset of DATASETS) {
    const department = departments.find((d) => d.name === dataset.departmentName);
    const seeded = await ctx.database.db.selectFrom('catalog_entries').select('id').where('title', '=', dataset.entry.title).executeTakeFirst();
    if (!department || seeded) continue;
    const catalogId = await ctx.catalog.create({
      ...dataset.entry, departmentId: department.id, district: '杭州市', nationalTheme: '', accessMethods: ['data', 'api'],
      licence: '杭州市公共数据开放授权许可协议', contactName: department.contact.person, contactPhone: department.contact.phone, contactEmail: department.contact.email,
    }, null);
    const resourceId = await ctx.resources.create(catalogId, `${dataset.entry.title}数据集`, 'table');
    const header = dataset.entry.fields.map((f) => f.name);
    const { key, path } = await ctx.blobs.reserve('.csv');
    await writeFile(path, [header, ...dataset.rows()].map((row) => row.map(csvCell).join(',')).join('\n'));
    const { jobId } = await ctx.resources.startTableUpload(resourceId, key, `${dataset.entry.title}.csv`, { mode: 'replace', strict: false }, null);
    await ctx.jobRunner.runOne(jobId);
    await ctx.catalog.submit(catalogId, null, async () => false);
    await ctx.catalog.review(catalogId, null, true, '演示数据', {
      promote: () => ctx.resources.settleHeld(catalogId, true), discard: () => ctx.resources.settleHeld(catalogId, false),
    });
  }
}
