import { CloudDownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { TIME_ZONE } from '../../format';
import { useI18n } from '../../i18n';
import type { CalendarDay, CalendarYear } from '../../types';
import { useRequest } from '../../useRequest';
import { CalendarDayForm } from './CalendarDayForm';

/** 工作日历: a year's statutory holidays and make-up workdays, which every deadline counts by. */
export function CalendarPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [year, setYear] = useState(() => dayjs().tz(TIME_ZONE).year());
  const [importing, setImporting] = useState(false);
  const { data, loading, error, reload } = useRequest(() => api.get<CalendarYear>(`/api/v1/calendar?year=${year}`), [year]);
  const manage = can('calendar.manage');

  const remove = async (day: CalendarDay) => {
    try {
      await api.delete(`/api/v1/calendar/days/${day.date}`);
      message.success(t('calendar.removed', { date: day.date }));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const importYear = async () => {
    setImporting(true);
    try {
      const { imported } = await api.post<{ imported: number[] }>('/api/v1/calendar/import', { years: [year] });
      if (imported.length) message.success(t('calendar.imported', { years: imported.join('、') }));
      else message.warning(t('calendar.notPackaged', { year }));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setImporting(false);
    }
  };

  const holidays = data?.days.filter((d) => d.kind === 'holiday').length ?? 0;
  const workdays = data?.days.filter((d) => d.kind === 'workday').length ?? 0;
  return (
    <Card title={t('admin.calendar')}
      extra={manage && (
        <Popconfirm title={t('calendar.importConfirm', { year })} okText={t('calendar.import')} cancelText={t('common.cancel')} onConfirm={importYear}>
          <Button type="primary" icon={<CloudDownloadOutlined />} loading={importing}>{t('calendar.import')}</Button>
        </Popconfirm>
      )}>
      <Space wrap size="large" className="table-toolbar">
        <Space>
          <span className="nowrap">{t('calendar.year')}{t('common.colon')}</span>
          <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} aria-label={t('calendar.year')} />
          {data && (data.covered ? <Tag color="success">{t('calendar.covered')}</Tag> : <Tag color="error">{t('calendar.notCovered')}</Tag>)}
        </Space>
        <Space wrap>
          <span className="nowrap">{t('calendar.coveredYears')}{t('common.colon')}</span>
          {data?.coveredYears.length ? data.coveredYears.map((y) => (
            <Tag.CheckableTag key={y} checked={y === year} onChange={() => setYear(y)}>{y}</Tag.CheckableTag>
          )) : <Typography.Text type="secondary">—</Typography.Text>}
        </Space>
      </Space>
      {data && !data.covered && <Alert className="form-alert" type="warning" showIcon title={t('calendar.missingWarning', { year })} />}
      {error && <Alert className="form-alert" type="error" showIcon title={error.message} />}
      {manage && <CalendarDayForm year={year} onSaved={reload} />}
      <Typography.Paragraph type="secondary">{t('calendar.summary', { holidays, workdays })}</Typography.Paragraph>
      <Table<CalendarDay>
        rowKey="date"
        size="middle"
        loading={loading}
        dataSource={data?.days}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('calendar.empty') }}
        columns={[
          { title: t('calendar.date'), dataIndex: 'date', width: 140 },
          { title: t('calendar.weekday'), dataIndex: 'date', key: 'weekday', width: 100, render: (d: string) => dayjs(d).format('dddd') },
          { title: t('calendar.kind'), dataIndex: 'kind', width: 140, render: (k: CalendarDay['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(k === 'holiday' ? 'calendar.holiday' : 'calendar.workday')}</Tag> },
          { title: t('calendar.name'), dataIndex: 'name' },
          ...(manage ? [{
            title: t('common.actions'), key: 'actions', width: 100,
            render: (_: unknown, day: CalendarDay) => (
              <Popconfirm title={t('calendar.removeConfirm', { date: day.date })} okText={t('common.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove(day)}>
                <Button type="link" danger size="small">{t('common.delete')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
      />
    </Card>
  );
}
