import type { DepartmentInput } from '../modules/departments/service.js';

/**
 * Hangzhou's data authority and the provider departments that publish most of the city's
 * open data. Contacts are the departments' 专人专岗 roles; the numbers are placeholders a
 * deployment replaces in the console.
 */
export const AUTHORITY: DepartmentInput = {
  name: '杭州市数据资源管理局',
  kind: 'authority',
  responsibleUnit: '数据开放处',
  contactPerson: '王晓岚',
  contactPhone: '0571-85250000',
  contactEmail: 'open@data.hangzhou.example.cn',
  address: '杭州市上城区解放东路18号市民中心',
  description: '公共数据主管部门，负责全市公共数据开放工作的统筹、协调、指导和监督。',
};

export const PROVIDERS: DepartmentInput[] = [
  ['杭州市市场监督管理局', '信息中心', '陈国栋', '0571-85250101', 'scjg', '市场主体登记、食品安全抽检、特种设备等数据'],
  ['杭州市交通运输局', '科技信息处', '李明哲', '0571-85250102', 'jtj', '公交线路站点、出租车、公共自行车、停车泊位等数据'],
  ['杭州市卫生健康委员会', '规划发展与信息化处', '赵雅婷', '0571-85250103', 'wjw', '医疗机构、执业医师、公共卫生等数据'],
  ['杭州市教育局', '信息技术中心', '孙浩然', '0571-85250104', 'jyj', '学校名录、招生计划、教育设施等数据'],
  ['杭州市生态环境局', '监测与科技处', '周文静', '0571-85250105', 'sthjj', '空气质量、水环境、排污许可等数据'],
  ['杭州市规划和自然资源局', '信息中心', '吴俊杰', '0571-85250106', 'ghzy', '国土空间规划、不动产、地名地址等数据'],
  ['杭州市民政局', '办公室', '郑丽华', '0571-85250107', 'mzj', '养老机构、社会组织、婚姻登记机构等数据'],
  ['杭州市公安局', '科技信息化处', '冯建平', '0571-85250108', 'gaj', '户籍办事网点、交通违法处理点等数据'],
  ['杭州市人力资源和社会保障局', '信息中心', '何思远', '0571-85250109', 'rlsbj', '社保经办机构、职业技能培训等数据'],
  ['杭州市住房保障和房产管理局', '信息中心', '许佳琪', '0571-85250110', 'fgj', '保障性住房、物业项目、房屋交易等数据'],
].map(([name, unit, person, phone, mail, description]) => ({
  name: name!,
  kind: 'provider' as const,
  responsibleUnit: unit!,
  contactPerson: person!,
  contactPhone: phone!,
  contactEmail: `${mail}@hangzhou.example.cn`,
  address: '杭州市',
  description: `负责本部门公共数据开放工作：${description}。`,
}));
