import { CloseOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { maySubmit, type ApplicationDetail, type ApplicationInput, type Delivery, type Pledge } from '../../applications';
import { attachmentUrl } from '../../attachments';
import { AttachmentsField } from '../../components/AttachmentsField';
import { showServerError } from '../../forms';
import { TIME_ZONE } from '../../format';
import { useI18n } from '../../i18n';
import { capabilityOf, requestableFields, type ApplicableEntry } from './entry';
import { PledgeField } from './PledgeField';

/** The longest period one application may ask for (二.2: one year), counted from its first day. */
const MAX_PERIOD_DAYS = 366;
const MAX_FILES = 10;
const DAY = 'YYYY-MM-DD';

interface Values {
  fields: string[];
  purpose: string;
  scenario: string;
  periodStart?: Dayjs | null;
  periodEnd?: Dayjs | null;
  delivery: Delivery;
  expectedOutcome: string;
  capability: { storage: string; processing: string; protection: string; capabilities: string[] };
  attachmentIds?: string[];
  pledgeAccepted?: boolean;
}

const SERVER_FIELDS = ['fields', 'purpose', 'scenario', 'periodStart', 'periodEnd', 'delivery', 'expectedOutcome', 'attachmentIds'];

function todayInBeijing(): string {
  return dayjs().tz(TIME_ZONE).format(DAY);
}

function initialValues(app: ApplicationDetail | undefined, pledge: Pledge | undefined): Values {
  if (!app) {
    const start = dayjs(todayInBeijing());
    return {
      fields: [], purpose: '', scenario: '', periodStart: start, periodEnd: start.add(1, 'year').subtract(1, 'day'), delivery: 'api', expectedOutcome: '',
      capability: { storage: '', processing: '', protection: '', capabilities: [] }, pledgeAccepted: false,
    };
  }
  return {
    fields: app.fields, purpose: app.purpose, scenario: app.scenario,
    periodStart: app.periodStart ? dayjs(app.periodStart) : null, periodEnd: app.periodEnd ? dayjs(app.periodEnd) : null,
    delivery: app.delivery, expectedOutcome: app.expectedOutcome, capability: app.capability,
    pledgeAccepted: pledge !== undefined && app.pledgeVersion === pledge.version,
  };
}

/**
 * 申请使用受限数据: the form of 二.2, new or resumed (a draft, or an application returned for
 * supplement). A draft is saved without checks; submitting checks the form here and again on the
 * server, whose complaints land on the field they name.
 */
export function ApplicationForm({ entry, app, pledge, pledgeError }: {
  entry: ApplicableEntry;
  app: ApplicationDetail | undefined;
  pledge: Pledge | undefined;
  pledgeError: Error | undefined;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [savedId, setSavedId] = useState<string | null>(app?.id ?? null);
  const [kept, setKept] = useState<string[]>(app?.attachmentIds ?? []);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = Form.useWatch('periodStart', form);
  const fresh = !app || app.status === 'draft';
  const capabilities = (entry.conditions?.capabilities ?? []).map((c) => capabilityOf(c, t));

  const inputOf = (v: Values): ApplicationInput => ({
    fields: v.fields ?? [], purpose: v.purpose ?? '', scenario: v.scenario ?? '', expectedOutcome: v.expectedOutcome ?? '',
    ...(v.periodStart ? { periodStart: v.periodStart.format(DAY) } : {}),
    ...(v.periodEnd ? { periodEnd: v.periodEnd.format(DAY) } : {}),
    delivery: v.delivery,
    capability: { storage: v.capability?.storage ?? '', processing: v.capability?.processing ?? '', protection: v.capability?.protection ?? '', capabilities: v.capability?.capabilities ?? [] },
    attachmentIds: [...kept, ...(v.attachmentIds ?? [])],
    ...(v.pledgeAccepted && pledge ? { pledgeVersion: pledge.version } : {}),
  });

  /** The server names `capability` for any of its three texts: the first empty one is marked. */
  const fail = (err: unknown, v: Values) => {
    const missing = (['storage', 'processing', 'protection'] as const).find((k) => !v.capability?.[k]?.trim()) ?? 'storage';
    setError(showServerError(form, err, SERVER_FIELDS, { capability: ['capability', missing], pledgeVersion: 'pledgeAccepted' }));
  };

  const save = async () => {
    const values = form.getFieldsValue(true) as Values;
    setBusy('save');
    setError(null);
    try {
      if (savedId) await api.patch(`/api/v1/applications/${encodeURIComponent(savedId)}`, inputOf(values));
      else setSavedId((await api.post<{ id: string }>('/api/v1/applications?draft=1', { entryId: entry.id, ...inputOf(values) })).id);
      message.success(t(fresh ? 'apply.draftSaved' : 'common.saved'));
    } catch (err) {
      fail(err, values);
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    const values = form.getFieldsValue(true) as Values;
    setBusy('submit');
    setError(null);
    try {
      let id = savedId;
      if (id) {
        await api.patch(`/api/v1/applications/${encodeURIComponent(id)}`, inputOf(values));
        await api.post(`/api/v1/applications/${encodeURIComponent(id)}/submit`);
      } else {
        id = (await api.post<{ id: string }>('/api/v1/applications', { entryId: entry.id, ...inputOf(values) })).id;
      }
      message.success(t(fresh ? 'apply.submitted' : 'apply.resubmitted'));
      navigate(`/user/applications/${encodeURIComponent(id)}`);
    } catch (err) {
      fail(err, values);
    } finally {
      setBusy(null);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const lastDay = start ? start.add(MAX_PERIOD_DAYS - 1, 'day').format(DAY) : null;
  return (
    <Form form={form} name="application" layout="vertical" initialValues={initialValues(app, pledge)} onFinish={submit} scrollToFirstError>
      {error && <Alert className="form-alert" type="error" showIcon title={error} role="alert" />}
      <Form.Item label={t('apply.entry')}>
        <Link to={`/catalog/${encodeURIComponent(entry.id)}`}>{entry.title}</Link>
        <Typography.Text type="secondary"> · {entry.department.name}</Typography.Text>
      </Form.Item>
      <Form.Item name="fields" label={t('apply.fields')} extra={t('apply.fieldsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('apply.fieldsRequired') }]}>
        <Checkbox.Group className="field-choices" options={requestableFields(entry).map((f) => ({
          value: f.name, label: f.title && f.title !== f.name ? <>{f.title} <span className="muted">{f.name}</span></> : f.name,
        }))} />
      </Form.Item>
      <Form.Item name="purpose" label={t('apply.purpose')} rules={required(t('apply.purpose'))}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="scenario" label={t('apply.scenario')} rules={required(t('apply.scenario'))}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item label={t('apply.period')} required extra={t('apply.periodHint')}>
        <Space wrap>
          <Form.Item name="periodStart" label={t('apply.periodStart')} noStyle rules={[{ required: true, message: t('common.required', { field: t('apply.periodStart') }) }]}>
            <DatePicker placeholder={t('apply.periodStart')} aria-label={t('apply.periodStart')} disabledDate={(d) => d.format(DAY) < todayInBeijing()} />
          </Form.Item>
          <span aria-hidden>~</span>
          <Form.Item name="periodEnd" label={t('apply.periodEnd')} noStyle rules={[{ required: true, message: t('common.required', { field: t('apply.periodEnd') }) }]}>
            <DatePicker placeholder={t('apply.periodEnd')} aria-label={t('apply.periodEnd')}
              disabledDate={(d) => {
                const day = d.format(DAY);
                return day < (start ? start.format(DAY) : todayInBeijing()) || (lastDay !== null && day > lastDay);
              }} />
          </Form.Item>
        </Space>
      </Form.Item>
      {/* Only what the entry's conditions offer: data served through the API alone is not downloaded. */}
      <Form.Item name="delivery" label={t('apply.delivery')} extra={entry.conditions?.downloadAllowed ? undefined : t('conditions.deliveryApiOnly')}>
        <Radio.Group options={[
          { value: 'api', label: t('apply.delivery.api') },
          { value: 'download', label: t('apply.delivery.download'), disabled: !entry.conditions?.downloadAllowed },
        ]} />
      </Form.Item>
      <Form.Item name="expectedOutcome" label={t('apply.expectedOutcome')}>
        <Input.TextArea rows={2} maxLength={2000} showCount />
      </Form.Item>
      <Typography.Title level={5}>{t('apply.capability')}</Typography.Title>
      <Form.Item name={['capability', 'storage']} label={t('apply.storage')} rules={required(t('apply.storage'))}>
        <Input.TextArea rows={2} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name={['capability', 'processing']} label={t('apply.processing')} rules={required(t('apply.processing'))}>
        <Input.TextArea rows={2} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name={['capability', 'protection']} label={t('apply.protection')} rules={required(t('apply.protection'))}>
        <Input.TextArea rows={2} maxLength={2000} showCount />
      </Form.Item>
      {capabilities.length > 0 && (
        <Form.Item name={['capability', 'capabilities']} label={t('apply.capabilities')} extra={t('apply.capabilitiesHint')}>
          <Checkbox.Group className="field-choices" options={capabilities.map((c) => ({ value: c.code, label: c.label }))} />
        </Form.Item>
      )}
      <Form.Item name="attachmentIds" label={t('apply.attachments')} extra={t('apply.attachmentsHint')}>
        <AttachmentsField max={MAX_FILES - kept.length} />
      </Form.Item>
      {kept.length > 0 && (
        <ul className="attachment-list kept-files">
          {kept.map((id, i) => (
            <li key={id}>
              <PaperClipOutlined aria-hidden /> <a href={attachmentUrl(id)} target="_blank" rel="noopener noreferrer">{t('apply.keptFile', { n: i + 1 })}</a>{' '}
              <Button type="link" size="small" icon={<CloseOutlined />} onClick={() => setKept(kept.filter((k) => k !== id))}>{t('apply.removeFile')}</Button>
            </li>
          ))}
        </ul>
      )}
      <PledgeField pledge={pledge} error={pledgeError} />
      <Space wrap>
        <Button onClick={save} loading={busy === 'save'} disabled={busy === 'submit'}>{t(fresh ? 'apply.saveDraft' : 'common.save')}</Button>
        <Button type="primary" htmlType="submit" loading={busy === 'submit'} disabled={!pledge || busy === 'save' || (app !== undefined && !maySubmit(app.abilities))}>
          {t(fresh ? 'apply.submit' : 'apply.resubmit')}
        </Button>
      </Space>
    </Form>
  );
}
