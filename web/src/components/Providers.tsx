import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { site } from '../site';
import { theme } from '../theme';

/** antd's locale, theme and message/modal context, following the chosen language. */
export function Providers({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  // Global and idempotent, so set before children render their dates.
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = site.platform[lang];
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
