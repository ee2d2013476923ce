import { Empty, List, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { api, query } from '../../api';
import type { Paged, PublicAnswer } from '../../consultations';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';

const PAGE_SIZE = 10;

/** Answered questions their askers allowed to publish, for one dataset or all of them. */
export function PublicQaList({ entryId }: { entryId?: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, loading } = useRequest(
    () => api.get<Paged<PublicAnswer>>(`/api/v1/consultations${query({ scope: 'public', entryId, page, pageSize: PAGE_SIZE })}`),
    [entryId, page],
  );
  if (!loading && data?.total === 0) return <Empty description={t('consult.qaEmpty')} />;
  return (
    <>
      <List loading={loading} dataSource={data?.items ?? []} rowKey="id" aria-label={t('consult.qaTitle')}
        renderItem={(item) => (
          <List.Item>
            <div className="qa-item">
              <Typography.Title level={5}>{t('consult.question')}{t('common.colon')}{item.title}</Typography.Title>
              <Typography.Paragraph>{item.content}</Typography.Paragraph>
              <Typography.Paragraph className="qa-answer">
                <strong>{t('consult.answer')}{t('common.colon')}</strong>{item.reply?.content}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('consult.repliedAt')}{t('common.colon')}{formatDate(item.reply?.at)}</Typography.Text>
            </div>
          </List.Item>
        )} />
      {(data?.total ?? 0) > PAGE_SIZE && <Pagination current={page} pageSize={PAGE_SIZE} total={data?.total} onChange={setPage} showSizeChanger={false} />}
    </>
  );
}
