import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n';

/** 中文 ⇄ English; the choice is remembered in this browser. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang } = useI18n();
  const next = lang === 'zh' ? 'en' : 'zh';
  return (
    <Button
      type="text"
      size="small"
      icon={<GlobalOutlined />}
      className={dark ? 'lang-switch lang-switch-dark' : 'lang-switch'}
      onClick={() => setLang(next)}
      lang={next === 'en' ? 'en' : 'zh-CN'}
    >
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}
