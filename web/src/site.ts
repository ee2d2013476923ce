/**
 * What a deployment changes to make the portal its own city's. Hangzhou is the default;
 * contact details shown in the footer come from the authority's department record.
 */
export const site = {
  platform: { zh: '杭州市公共数据开放平台', en: 'Hangzhou Public Data Open Platform' },
  /** How the city's own departments' names begin (杭州市交通运输局), as against its districts'. */
  city: { zh: '杭州市', en: 'Hangzhou' },
  authority: { zh: '杭州市数据资源管理局', en: 'Hangzhou Data Resources Administration' },
  /** 网站标识码, ICP 备案号 and 公安备案号 as registered for the deployment. */
  siteCode: '3301000000',
  icp: '浙ICP备00000000号-1',
  policeRecord: '浙公网安备 33010002000000号',
} as const;
