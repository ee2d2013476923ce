import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';

interface DayValues {
  date: Dayjs;
  kind: 'holiday' | 'workday';
  name: string;
}

/** Adds (or replaces) one day's override; the year counts as covered from then on. */
export function CalendarDayForm({ year, onSaved }: { year: number; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DayValues>();
  const [saving, setSaving] = useState(false);

  const save = async (values: DayValues) => {
    const date = values.date.format('YYYY-MM-DD');
    setSaving(true);
    try {
      await api.put(`/api/v1/calendar/days/${date}`, { kind: values.kind, name: values.name.trim() });
      message.success(t('calendar.saved', { date }));
      form.resetFields(['date', 'name']);
      onSaved();
    } catch (err) {
      const general = showServerError(form, err, ['kind', 'name', 'date']);
      if (general) message.error(general);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} name="calendarDay" layout="inline" className="calendar-form" initialValues={{ kind: 'holiday' }} onFinish={save}>
      <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('calendar.dateRequired') }]}>
        <DatePicker defaultPickerValue={dayjs(`${year}-01-01`)} />
      </Form.Item>
      <Form.Item name="kind" label={t('calendar.kind')}>
        <Select style={{ width: 140 }} options={[{ value: 'holiday', label: t('calendar.holiday') }, { value: 'workday', label: t('calendar.workday') }]} />
      </Form.Item>
      <Form.Item name="name" label={t('calendar.name')} style={{ maxWidth: '100%' }} rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }]}>
        <Input maxLength={50} placeholder={t('calendar.namePlaceholder')} style={{ width: 200, maxWidth: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>{t('calendar.add')}</Button>
    </Form>
  );
}
