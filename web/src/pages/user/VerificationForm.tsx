import { Alert, App, Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';
import type { VerificationType } from '../../types';

interface VerificationValues {
  type: VerificationType;
  name: string;
  idNumber?: string;
  creditCode?: string;
  legalRepresentative?: string;
}

const FIELDS = ['type', 'name', 'idNumber', 'creditCode', 'legalRepresentative'] as const;

/** 自然人: name and ID number; 法人或其他组织: name, credit code, legal representative. */
export function VerificationForm({ initialType, onSubmitted }: { initialType: VerificationType; onSubmitted: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<VerificationValues>();
  const type = Form.useWatch('type', form) ?? initialType;
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: VerificationValues) => {
    setError(null);
    setSubmitting(true);
    const body = values.type === 'person'
      ? { type: 'person', name: values.name.trim(), idNumber: (values.idNumber ?? '').trim() }
      : { type: 'organization', name: values.name.trim(), creditCode: (values.creditCode ?? '').trim(), legalRepresentative: (values.legalRepresentative ?? '').trim() };
    try {
      await api.post('/api/v1/me/verification', body);
      message.success(t('verification.submitted'));
      onSubmitted();
    } catch (err) {
      setError(showServerError(form, err, FIELDS));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} name="verification" layout="vertical" className="narrow-form" initialValues={{ type: initialType }} onFinish={onFinish}>
      {error && <Alert className="form-alert" type="error" showIcon title={error} role="alert" />}
      <Form.Item name="type" label={t('verification.type')}>
        <Radio.Group optionType="button" buttonStyle="solid"
          options={[
            { value: 'person', label: t('verification.type.person') },
            { value: 'organization', label: t('verification.type.organization') },
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label={t(type === 'person' ? 'verification.realName' : 'verification.orgName')}
        rules={[{ required: true, whitespace: true, message: t('verification.nameRequired') }]}>
        <Input maxLength={100} autoComplete={type === 'person' ? 'name' : 'organization'} />
      </Form.Item>
      {type === 'person' ? (
        <Form.Item name="idNumber" label={t('verification.idNumber')} extra={t('verification.idNumberHint')}
          rules={[{ required: true, whitespace: true, message: t('verification.idNumberRequired') }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="creditCode" label={t('verification.creditCode')} extra={t('verification.creditCodeHint')}
            rules={[{ required: true, whitespace: true, message: t('verification.creditCodeRequired') }]}>
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item name="legalRepresentative" label={t('verification.legalRepresentative')}
            rules={[{ required: true, whitespace: true, message: t('verification.legalRepresentativeRequired') }]}>
            <Input maxLength={50} />
          </Form.Item>
        </>
      )}
      <Alert className="form-alert" type="info" showIcon title={t('verification.privacy')} />
      <Button type="primary" htmlType="submit" loading={submitting}>{t('verification.submit')}</Button>
    </Form>
  );
}
