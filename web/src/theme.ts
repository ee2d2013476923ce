import type { ThemeConfig } from 'antd';

/** Government blue, square-ish corners, the fonts Chinese government sites use. */
export const GOV_BLUE = '#1456b8';
export const GOV_NAVY = '#0b2f66';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: GOV_BLUE,
    colorLink: GOV_BLUE,
    colorInfo: GOV_BLUE,
    borderRadius: 4,
    fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: '#f3f6fb',
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 72, headerPadding: '0 24px', footerBg: GOV_NAVY, siderBg: '#ffffff' },
    Menu: { horizontalItemSelectedColor: GOV_BLUE, itemSelectedBg: '#e8f0fc' },
    Table: { headerBg: '#f0f4fa' },
  },
};
