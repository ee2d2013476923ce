import { Readable } from 'node:stream';
import type { AppContext } from '../context.js';
import type { DataItem } from '../domain/catalog.js';
import type { RestrictedConditions } from '../domain/restricted.js';
import type { EntryInput } from '../modules/catalog/entry-input.js';
import { stableUuid } from './catalog-demo.js';
import { GIVEN, SURNAMES } from './demo-people.js';
import { RESTRICTED_CONDITIONS } from './hangzhou-mapping.js';

/** A deterministic generator, so every fresh demo shows the same rows. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * The urban districts with roads that run through them and a point near their centre, so that a
 * generated stop or hospital sits on a road of its own district, at about the right place.
 */
const DISTRICT_ROADS: [district: string, roads: string[], longitude: number, latitude: number][] = [
  ['上城区', ['延安路', '解放路', '庆春路', '凤起路', '秋涛路', '建国路', '清泰街', '望江路'], 120.178, 30.253],
  ['拱墅区', ['莫干山路', '东新路', '湖墅南路', '上塘路', '大关路', '石祥路', '登云路', '丽水路'], 120.148, 30.315],
  ['西湖区', ['文一路', '文二路', '文三路', '天目山路', '古墩路', '学院路', '教工路', '紫金港路'], 120.108, 30.275],
  ['滨江区', ['江南大道', '滨盛路', '江晖路', '长河路', '西兴路', '泰安路', '闻涛路', '月明路'], 120.212, 30.205],
  ['萧山区', ['市心路', '金城路', '人民路', '建设一路', '山阴路', '通惠路', '萧绍路', '育才路'], 120.264, 30.184],
  ['余杭区', ['文一西路', '五常大道', '良睦路', '高教路', '余杭塘路', '联胜路', '仓前街', '绿汀路'], 119.992, 30.282],
  ['临平区', ['人民大道', '迎宾路', '世纪大道', '南苑街', '星光街', '藕花洲大街', '望梅路', '北沙西路'], 120.299, 30.419],
  ['钱塘区', ['下沙路', '文泽路', '学林街', '学源街', '福城路', '海达南路', '天城东路', '松合路'], 120.343, 30.302],
  ['富阳区', ['金桥北路', '江滨西大道', '桂花路', '公望街', '北环路', '迎宾北路', '体育馆路', '秋月路'], 119.960, 30.049],
  ['临安区', ['钱王大街', '衣锦街', '锦城街', '苕溪北街', '农林大路', '万马路', '城中街', '石镜街'], 119.724, 30.234],
];
const DISTRICTS = DISTRICT_ROADS.map(([d]) => d);

/** Two different roads of one district: a road and the one it crosses. */
function crossing(r: () => number, roads: readonly string[]): [string, string] {
  const i = Math.floor(r() * roads.length);
  const j = (i + 1 + Math.floor(r() * (roads.length - 1))) % roads.length;
  return [roads[i]!, roads[j]!];
}

const item = (name: string, title: string, type: DataItem['type'], extra: Partial<DataItem> = {}): DataItem =>
  ({ name, title, type, description: '', unit: '', filterable: false, sensitive: false, requestable: true, ...extra });

interface DemoDataset {
  departmentName: string;
  entry: Omit<EntryInput, 'departmentId' | 'licence' | 'contactName' | 'contactPhone' | 'contactEmail' | 'district' | 'nationalTheme' | 'accessMethods' | 'conditions'>
    & { conditions?: RestrictedConditions };
  rows(): string[][];
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** 行政区划代码 of the districts above, in the same order. */
const DISTRICT_CODES = ['330102', '330105', '330106', '330108', '330109', '330110', '330113', '330114', '330111', '330112'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A citizen ID number with a correct check character: the demo's people look real to every check, and are not. */
function idNumber(region: string, birth: string, serial: number, male: boolean): string {
  const body = `${region}${birth.replaceAll('-', '')}${String(serial % 100).padStart(2, '0')}${(serial % 5) * 2 + (male ? 1 : 0)}`;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11]!;
}

const day = (r: () => number, fromYear: number, years: number) =>
  `${fromYear + Math.floor(r() * years)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;

/**
 * 受限开放: a register of people, as the real portal's 道路运输从业人员资格信息 is. Names, ID numbers,
 * mobile numbers and birth dates are sensitive (masked in the sample); ID numbers and birth dates
 * cannot be asked for in an application at all.
 */
const DRIVERS: DemoDataset = {
  departmentName: '杭州市交通运输局',
  entry: {
    title: '杭州市网约车驾驶员从业资格信息', openType: 'restricted', openConditions: RESTRICTED_CONDITIONS,
    summary: '杭州市网络预约出租汽车和巡游出租汽车驾驶员的从业资格证号、资格类别、服务单位、发证日期、有效期和证件状态，含驾驶员身份信息。',
    conditions: { minCreditLevel: 'B', applicantType: 'either', capabilities: ['mlps_level2', 'security_policy', 'domestic_storage'] },
    dataFormat: 'CSV,XLSX,JSON,XML', updateFrequency: 'monthly', domain: '交通出行', tags: ['网约车', '出租车', '从业资格'],
    fields: [
      item('cert_no', '从业资格证号', 'string', { filterable: true }), item('driver_name', '驾驶员姓名', 'string', { sensitive: true }),
      item('id_number', '身份证号码', 'string', { sensitive: true, requestable: false }), item('mobile', '联系电话', 'string', { sensitive: true }),
      item('gender', '性别', 'string', { filterable: true }), item('birth_date', '出生日期', 'date', { sensitive: true, requestable: false }),
      item('qualification', '资格类别', 'string', { filterable: true }), item('company', '服务单位', 'string', { filterable: true }),
      item('district', '所属区县', 'string', { filterable: true }), item('issued_on', '发证日期', 'date', { filterable: true }),
      item('valid_until', '有效期至', 'date'), item('status', '证件状态', 'string', { filterable: true }),
    ],
  },
  rows() {
    const r = random(4);
    const companies = [['网络预约出租汽车驾驶员', '杭州云途出行科技有限公司'], ['网络预约出租汽车驾驶员', '浙江快驰网络科技有限公司'],
      ['网络预约出租汽车驾驶员', '杭州西子约车服务有限公司'], ['巡游出租汽车驾驶员', '杭州钱江出租汽车有限公司']];
    return Array.from({ length: 1200 }, (_, i) => {
      const district = Math.floor(r() * DISTRICTS.length);
      const male = r() < 0.85;
      const birth = day(r, 1965, 36);
      const issued = day(r, 2017, 8);
      const [qualification, company] = companies[Math.floor(r() * companies.length)]!;
      const name = SURNAMES[Math.floor(r() * SURNAMES.length)]! + GIVEN[Math.floor(r() * GIVEN.length)]!;
      return [`3301${String(2017 + (i % 8))}${String(100000 + i)}`, name, idNumber(DISTRICT_CODES[district]!, birth, i, male),
        `1${['38', '39', '58', '59', '87', '88'][Math.floor(r() * 6)]}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`, male ? '男' : '女', birth,
        qualification!, company!, DISTRICTS[district]!, issued, `${Number(issued.slice(0, 4)) + 6}${issued.slice(4)}`, r() < 0.93 ? '有效' : '注销'];
    });
  },
};

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
        const [district, roads, longitude, latitude] = DISTRICT_ROADS[Math.floor(r() * DISTRICT_ROADS.length)]!;
        const [road, cross] = crossing(r, roads);
        // Stops are named for the crossing (文一路学院路口) or a side of it (文一路学院路东).
        const suffix = ['口', '口', '站', '东', '西', '南', '北'][Math.floor(r() * 7)]!;
        return [`HZ${String(10000 + i)}`, `${road}${cross}${suffix}`, road, district,
          (longitude + (r() - 0.5) * 0.06).toFixed(6), (latitude + (r() - 0.5) * 0.05).toFixed(6), String(1 + Math.floor(r() * 12)),
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
        const [district, roads] = DISTRICT_ROADS[Math.floor(r() * DISTRICT_ROADS.length)]!;
        const road = roads[Math.floor(r() * roads.length)]!;
        return [`杭州市${district}${road}${category}${i % 7 === 0 ? '（分院）' : ''}`, category!, grade!, district, `杭州市${district}${road}${1 + Math.floor(r() * 600)}号`,
          String(category === '诊所' ? 0 : Math.floor(20 + r() * 1500)), `0571-${String(80000000 + Math.floor(r() * 9999999))}`];
      });
    },
  },
  DRIVERS,
];

/**
 * The ids of a demo data set's entry and resource: the same on every fresh demo, so that the
 * README's and the API documentation's examples can name them.
 */
export function demoDatasetIds(title: string): { entryId: string; resourceId: string } {
  return { entryId: stableUuid(`demo-dataset:${title}`), resourceId: stableUuid(`demo-resource:${title}`) };
}

/** The bus stops, unconditionally open: what worked examples read. */
export const BUS_STOPS = { title: '杭州公交站点信息', ...demoDatasetIds('杭州公交站点信息') };

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
    const ids = demoDatasetIds(dataset.entry.title);
    const catalogId = await ctx.catalog.create({
      ...dataset.entry, conditions: dataset.entry.conditions ?? null, departmentId: department.id, district: '杭州市', nationalTheme: '', accessMethods: ['data', 'api'],
      licence: '杭州市公共数据开放授权许可协议', contactName: department.contact.person, contactPhone: department.contact.phone, contactEmail: department.contact.email,
    }, null, ids.entryId);
    const resourceId = await ctx.resources.create(catalogId, `${dataset.entry.title}数据集`, 'table', ids.resourceId);
    const header = dataset.entry.fields.map((f) => f.name);
    const csv = [header, ...dataset.rows()].map((row) => row.map(csvCell).join(',')).join('\n');
    const { key } = await ctx.blobs.put(Readable.from([csv]), Infinity, '.csv');
    const { jobId } = await ctx.resources.startTableUpload(resourceId, key, `${dataset.entry.title}.csv`, { mode: 'replace', strict: false }, null);
    await ctx.jobRunner.runOne(jobId);
    await ctx.catalog.submit(catalogId, null, async () => false);
    await ctx.catalog.review(catalogId, null, true, '演示数据', {
      promote: () => ctx.resources.settleHeld(catalogId, true), discard: () => ctx.resources.settleHeld(catalogId, false),
    });
  }
}
