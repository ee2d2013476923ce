import { ArrowLeftOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CatalogEntry } from '../catalog/types';
import { EntryStatusTags } from './EntryStatusTags';

/** The head of an entry's console and review pages: back link, title, state, department, a date, actions. */
export function EntryHeader({ entry, back, pending, date, actions }: {
  entry: CatalogEntry;
  back: { to: string; label: string };
  pending: boolean;
  /** The date that matters on this page, already labelled. */
  date: string;
  actions: ReactNode;
}) {
  return (
    <div className="console-entry-head">
      <div>
        <Link to={back.to} className="console-back"><ArrowLeftOutlined /> {back.label}</Link>
        <Typography.Title level={3} className="console-entry-title">{entry.title}</Typography.Title>
        <Space wrap size={12}>
          <EntryStatusTags status={entry.status} pending={pending} />
          <Typography.Text type="secondary">{entry.department.name}</Typography.Text>
          <Typography.Text type="secondary">{date}</Typography.Text>
        </Space>
      </div>
      {actions}
    </div>
  );
}
