import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n, type MessageKey } from '../i18n';

const HOT_TOPICS: MessageKey[] = ['topic.transport', 'topic.health', 'topic.education', 'topic.environment', 'topic.market', 'topic.housing'];

/** The search box of the home page banner; it leads to the catalog. */
export function HeroSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const search = (q: string) => navigate(q.trim() ? `/catalog?q=${encodeURIComponent(q.trim())}` : '/catalog');

  return (
    <form className="hero-search" role="search" onSubmit={(e) => { e.preventDefault(); search(text); }}>
      <Space.Compact block size="large">
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('home.searchPlaceholder')}
          aria-label={t('home.searchPlaceholder')}
          prefix={<SearchOutlined />}
          allowClear
        />
        <Button type="primary" htmlType="submit" className="hero-search-button">{t('home.search')}</Button>
      </Space.Compact>
      <div className="hero-hot">
        <span>{t('home.hot')}{t('common.colon')}</span>
        {HOT_TOPICS.map((key) => (
          <button type="button" key={key} className="hero-hot-item" onClick={() => search(t(key))}>{t(key)}</button>
        ))}
      </div>
    </form>
  );
}
