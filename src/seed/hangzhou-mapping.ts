/**
 * How the records of the Hangzhou portal (data.hangzhou.gov.cn, as crawled by CNPDS; see
 * NOTICE) map onto our catalog: department names, open types, contact phones, and the
 * 数据领域 and tags the crawl does not have. Pure: no I/O.
 */
import type { OpenType } from '../db/schema.js';

/** One record of src/seed/data/zhejiang_hangzhou.json, keys as the portal names them. */
export interface HangzhouRecord {
  资源名称: string;
  发布部门: string;
  所属区县: string;
  摘要: string;
  发布时间: string;
  更新时间: string;
  更新周期: string | null;
  开放等级: '完全开放' | '登录开放' | '申请开放';
  联系电话: string;
  数据量: string | null;
  详情页网址: string;
  数据格式: 'api' | 'data';
}

/** The city itself; every other 所属区县 is a district, county or county-level city in it. */
export const CITY = '杭州市';

/**
 * Portal abbreviations of departments we already seed under their full names
 * (src/seed/departments.ts), so their entries join those departments.
 */
const ALIASES: Record<string, string> = {
  杭州市人力社保局: '杭州市人力资源和社会保障局',
  杭州市住保房管局: '杭州市住房保障和房产管理局',
  杭州市卫健委: '杭州市卫生健康委员会',
};

/**
 * The full name of a publishing department. The portal writes names relative to the
 * district: 区数据资源局 in 滨江区 is 滨江区数据资源局, 县数管局 in 桐庐县 is 桐庐县数管局,
 * 市交通运输局 in 杭州市 is 杭州市交通运输局, and 市生态环境局余杭分局 in 余杭区 is the city
 * bureau's branch, 杭州市生态环境局余杭分局. A second name in brackets (市市场监督管理局（市知识
 * 产权局）) is dropped. The portal's own "地区管理员" account belongs to the district's data
 * bureau.
 */
export function departmentName(district: string, publisher: string): string {
  let name = publisher.trim().replace(/\s+/g, '').replace(/[（(][^（()）]*[)）]+$/, '');
  if (name === '地区管理员') name = '数据资源管理局';
  const stem = district.replace(/[市区县]$/, '');
  let full: string;
  if (name.startsWith('杭州') || name.startsWith(district) || (stem.length >= 2 && name.startsWith(stem))) full = name;
  else if (name.startsWith('市') && !name.startsWith('市场')) {
    // 市… is the city's own department, or, in a county-level city such as 建德市, that city's.
    full = district.endsWith('市') ? district + name.slice(1) : CITY + name.slice(1);
  } else if ((name.startsWith('区') && district.endsWith('区')) || (name.startsWith('县') && district.endsWith('县'))) {
    full = district + name.slice(1);
  } else if (district === CITY) full = name; // 国家统计局杭州调查队, 钱江海关 …
  else if (/分局$/.test(name) && /^(生态环境|规划和自然资源)/.test(name)) full = CITY + name;
  else full = district + name;
  return ALIASES[full] ?? full;
}

/** 完全开放 and 登录开放 are both 无条件开放 here (we always ask for sign-in); 申请开放 is 受限开放. */
export function openTypeOf(level: HangzhouRecord['开放等级']): Exclude<OpenType, 'prohibited'> {
  return level === '申请开放' ? 'restricted' : 'unconditional';
}

/** The conditions of a restricted entry, after the implementation rules (二.2, 二.3, 四.1). */
export const RESTRICTED_CONDITIONS =
  '申请人须完成实名认证，信用等级符合平台要求，并具备与所申请数据相适应的数据存储、数据处理和数据安全保护能力。' +
  '通过开放平台提交申请并说明使用目的、范围和期限，经规范性审查、需求审核和需求复核通过后签订公共数据开放利用协议并备案；' +
  '数据仅限协议约定的用途使用，不得以任何方式提供给第三方，应用成果须在开放平台发布并回传相关数据。';

/**
 * The first valid number in a 联系电话 text, or null: the portal writes several numbers in one
 * field, local numbers without the area code, a country code, and the odd mistyped one (a
 * 12-digit "mobile"). Valid means what a caller can dial: a Hangzhou landline 0571-XXXXXXXX
 * (the 8 digits not starting 0 or 1), a 96xxxx service line, or an 11-digit mobile 1[3-9]….
 */
export function phoneOf(raw: string): string | null {
  const text = raw.replace(/[\u200b-\u200f\u202a-\u202e\ufeff]/g, '').replace(/[—–－]/g, '-');
  for (const part of text.split(/[/、,，;；\s]+/)) {
    const digits = part.replace(/[-()（）]/g, '');
    const mobile = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(digits)?.[1];
    if (mobile) return mobile;
    const local = digits.startsWith('0571') ? digits.slice(4) : digits;
    if (/^[2-9]\d{7}$/.test(local) || /^96\d{4}$/.test(local)) return `0571-${local}`;
  }
  return null;
}

/**
 * 数据领域 is DERIVED: the Hangzhou crawl has none. The first domain whose keyword occurs in
 * the title wins, so the order matters (气象 before 交通: 杭州上下班天气预报; 信用 before
 * 经贸: 企业信用). The keyword that decided it becomes a tag.
 */
export const DOMAIN_KEYWORDS: [domain: string, keywords: string[]][] = [
  ['气象服务', ['气象', '天气', '气温', '降雨', '降水', '台风', '预报', '雨量']],
  ['交通出行', ['公交', '地铁', '出租', '网约车', '停车', '泊位', '道路运输', '客运', '货运', '交通', '车辆', '驾驶', '公路', '铁路', '船舶', '航道', '自行车', '机动车', '渣土车', '路段', '桥梁', '隧道', '地道', '拥堵', '交叉口', '信号配时', '快递', '快件', '邮件', '邮政', '物流', '主要道路', '主干道', '车管所', '线路']],
  ['医疗卫生', ['医疗', '医院', '卫生', '诊所', '药品', '药店', '医保', '疫苗', '接种', '医师', '护士', '医护', '门诊', '健康', '疾控', '骨髓', '献血', '疫情', '母婴', '放射诊疗', '急救', '药']],
  ['教育文化', ['学校', '幼儿园', '小学', '中学', '高中', '教育', '教师', '学生', '招生', '图书', '书房', '文化', '博物馆', '非遗', '档案', '广电', '新闻', '体育', '健身', '竞赛', '培训', '学堂', '课堂', '演出', '民族', '宣传', '网信', '留学', '文明', '考试', '考情', '毕业', '讲堂']],
  ['旅游休闲', ['旅游', '景区', '酒店', '民宿', '旅行社', '游客', '文旅', '娱乐', '游乐', '网吧', '电影院', '景点', '特产']],
  ['科技创新', ['科技', '专利', '研发', '高新技术', '创新', '知识产权', '科普', '人才', '众创空间', '孵化器', '科学研究', '技术交易', '软科学']],
  ['生态环境', ['环境', '空气', '水质', '排污', '排放', '污染', '废水', '垃圾', '扬尘', '噪声', '河道', '河长', '水环境', '断面', '生态', '绿化', '林业', '森林', '噪音', '固废', '废物', '排气', '环保', '清运', '自然保护区', '野生动物', '减碳', '低碳', '再生资源', '回收']],
  ['资源能源', ['水利', '水电', '水位', '山洪', '水库', '用电', '电力', '能源', '节能', '燃气', '供水', '饮用水', '矿产', '矿山', '土地', '自然资源', '雨情', '堤防', '泵站', '闸']],
  ['农业农村', ['农业', '农产品', '农村', '乡村', '村社', '种植', '养殖', '渔', '畜', '粮食', '茶', '农民', '农户', '草莓', '山核桃', '蜂', '家庭农场', '捕鱼', '菜篮子', '农贸', '农资', '农机', '农作物', '水果', '土壤', '价格']],
  ['社会保障', ['社保', '社会保险', '低保', '救助', '养老', '残疾', '优抚', '退役', '补贴', '津贴', '就业', '招聘', '失业', '困难', '特困', '慰问', '志愿', '老年', '婚恋', '拥军', '收入核对', '家庭成员', '工人', '劳务', '技工']],
  ['城建住房', ['住房', '房屋', '房源', '公租房', '小区', '物业', '楼宇', '楼幢', '建筑', '施工', '竣工', '工程', '规划', '地址', '门牌', '井盖', '管线', '排水', '城管', '市政', '塔吊', '工地', '招标', '中标', '开标', '招投标', '居民点', '庭院', '占道', '渣土', '积水', '行政区划', '地块', '拆迁', '不动产', '清扫', '洒水', '窖井']],
  ['公共安全', ['消防', '应急', '安全生产', '隐患', '灾害', '避难', '避灾', '公安', '警', '派出所', '交通事故', '违法', '执法', '危化', '危险化学品', '防汛', '电诈', '火灾', '命案', '人口', '居住证', '身份', '矛盾纠纷', '犬', '违章', '非法', '无证', '传感器', '法律', '律师', '调解', '司法', '强制措施']],
  ['信用服务', ['信用', '处罚', '黑名单', '失信', '行政许可', '双随机', '诚信', '红名单']],
  ['市场监管', ['市场主体', '市场监管', '食品', '抽检', '抽查', '特种设备', '计量', '广告', '商标', '质量', '经营许可', '餐饮', '电梯', '锅炉', '压力容器', '起重机', '储罐', '储气罐', '安全阀', '食用', '厨房', '食堂', '菜品', '个体', '农专社', '吊销', '年报', '化妆品', '地方标准']],
  ['财税金融', ['财政', '税', '金融', '融资', '收费', '资金', '预算', '保险', '银行', '担保', '国资', '国有', '公积金', '贷款', '缴存', '实缴', '支付']],
  ['经贸工商', ['企业', '工业', '商务', '进出口', '外贸', '招商', '经济', '产业', '电商', '商铺', '商品', '营业', '公司', '展会', '增加值', '投资', '产品', '交易', '商圈', '消费', '收入', '统计']],
  ['政务服务', ['政务', '事项', '办事', '审批', '办件', '受理', '行政服务', '最多跑一次', '一网通办', '信访', '政策', '通知公告', '公告', '公示']],
  ['机构团体', ['组织', '社区', '街道', '机关', '工会', '妇联', '团委', '党', '群团', '协会', '学会', '社会组织', '单位', '机构', '团队', '人员', '民情', '宗教', '社团', '民非', '红十字']],
];

export const OTHER_DOMAIN = '其他';

/** The derived domain of a title, and the keywords (up to two) that make good tags. */
export function classify(title: string): { domain: string; keywords: string[] } {
  let domain = OTHER_DOMAIN;
  const keywords: string[] = [];
  for (const [d, words] of DOMAIN_KEYWORDS) {
    const hit = words.find((w) => title.includes(w));
    if (!hit) continue;
    if (domain === OTHER_DOMAIN) domain = d;
    if (!keywords.includes(hit)) keywords.push(hit);
    if (keywords.length === 2) break;
  }
  return { domain, keywords };
}

/** Tags: the district (市级 for the city's own departments) and the keywords that classified it. */
export function tagsOf(district: string, keywords: string[]): string[] {
  return [district === CITY ? '市级' : district, ...keywords.filter((k) => k.length > 1)];
}
