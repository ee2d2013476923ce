/**
 * A deterministic CSV like a city's registration data: Chinese names and addresses, ID
 * numbers, phones, dates, decimals, datetimes, 是/否. 1,000,000 rows ≈ 145 MB.
 * `npx tsx bench/generate-csv.ts out.csv 1000000`
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰春梅海燕小红晓东文博子涵浩然欣怡雨桐宇轩梓萱';
const DISTRICTS = ['上城区', '拱墅区', '西湖区', '滨江区', '萧山区', '余杭区', '临平区', '钱塘区', '富阳区', '临安区'];
const ROADS = ['文三路', '延安路', '解放路', '庆春路', '凤起路', '体育场路', '莫干山路', '天目山路', '江南大道', '钱江路'];

export const CSV_HEADER = ['序号', '姓名', '身份证号', '手机号', '性别', '出生日期', '地址', '金额', '登记时间', '是否有效'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** One row of the generated data (row ≥ 1). */
export function generateRow(i: number, rand: () => number): string[] {
  const pick = (s: string | string[]) => s[Math.floor(rand() * s.length)]!;
  const year = 1950 + Math.floor(rand() * 55), month = 1 + Math.floor(rand() * 12), day = 1 + Math.floor(rand() * 28);
  const id = `3301${pad(Math.floor(rand() * 100))}${year}${pad(month)}${pad(day)}${pad(Math.floor(rand() * 1000), 3)}${pick('0123456789X')}`;
  return [
    String(i),
    pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : ''),
    id,
    `1${pick('3456789')}${pad(Math.floor(rand() * 1e9), 9)}`,
    rand() < 0.5 ? '男' : '女',
    `${year}-${pad(month)}-${pad(day)}`,
    `杭州市${pick(DISTRICTS)}${pick(ROADS)}${1 + Math.floor(rand() * 999)}号${1 + Math.floor(rand() * 30)}幢`,
    (rand() * 100000).toFixed(2),
    `20${pad(10 + Math.floor(rand() * 15))}-${pad(month)}-${pad(day)} ${pad(Math.floor(rand() * 24))}:${pad(Math.floor(rand() * 60))}:${pad(Math.floor(rand() * 60))}`,
    rand() < 0.8 ? '是' : '否',
  ];
}

export async function generateCsv(path: string, rows: number, seed = 42): Promise<void> {
  const out = createWriteStream(path);
  const rand = rng(seed);
  let buf = `${CSV_HEADER.join(',')}\n`;
  for (let i = 1; i <= rows; i++) {
    buf += `${generateRow(i, rand).join(',')}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'close');
}

if (process.argv[1]?.endsWith('generate-csv.ts')) {
  await generateCsv(process.argv[2] ?? 'bench/.data/people.csv', Number(process.argv[3] ?? 1_000_000));
}
