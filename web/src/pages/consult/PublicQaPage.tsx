import { Card } from 'antd';
import { PageBanner } from '../../components/PageBanner';
import { useI18n } from '../../i18n';
import { PublicQaList } from './PublicQaList';

/** 公开问答: every published question and answer. */
export default function PublicQaPage() {
  const { t } = useI18n();
  return (
    <>
      <PageBanner title={t('consult.qaTitle')} subtitle={t('consult.qaSubtitle')} crumbs={[{ title: t('consult.qaTitle') }]} />
      <div className="container page-body">
        <Card><PublicQaList /></Card>
      </div>
    </>
  );
}
