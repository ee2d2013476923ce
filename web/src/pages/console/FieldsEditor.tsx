import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select, Tooltip } from 'antd';
import { useI18n } from '../../i18n';
import { FIELD_TYPE } from '../catalog/labels';
import { FIELD_TYPES, type DataItem } from '../catalog/types';

const NEW_ITEM: DataItem = { name: '', title: '', type: 'string', unit: '', description: '', filterable: false, sensitive: false, requestable: true };

/** 数据项 editor: one row per field — name, 中文名称, type, unit, description, filterable, sensitive, requestable. */
export function FieldsEditor() {
  const { t } = useI18n();
  const cell = (n: number, column: string) => t('fieldsEditor.cell', { n, column });
  return (
    <Form.List name="fields">
      {(rows, { add, remove }) => (
        <div className="fields-editor">
          <div className="fields-editor-row fields-editor-head" aria-hidden="true">
            <span>#</span><span>{t('fields.name')}</span><span>{t('fields.title')}</span><span>{t('fields.type')}</span>
            <span>{t('fields.unit')}</span><span>{t('fields.description')}</span><span>{t('fields.filterable')}</span><span>{t('fields.sensitive')}</span><span>{t('fields.requestable')}</span><span />
          </div>
          {rows.map(({ key, name }, index) => (
            <div className="fields-editor-row" key={key}>
              <span className="fields-editor-index">{index + 1}</span>
              <Form.Item name={[name, 'name']} rules={[
                { required: true, whitespace: true, message: t('fieldsEditor.nameRequired') },
                { pattern: /^[^\s"'`;]+$/, message: t('fieldsEditor.namePattern') },
              ]}>
                <Input aria-label={cell(index + 1, t('fields.name'))} maxLength={64} placeholder="station_id" className="mono-input" />
              </Form.Item>
              <Form.Item name={[name, 'title']} rules={[{ required: true, whitespace: true, message: t('fieldsEditor.titleRequired') }]}>
                <Input aria-label={cell(index + 1, t('fields.title'))} maxLength={100} placeholder={t('fieldsEditor.titlePlaceholder')} />
              </Form.Item>
              <Form.Item name={[name, 'type']}>
                <Select aria-label={cell(index + 1, t('fields.type'))} options={FIELD_TYPES.map((type) => ({ value: type, label: t(FIELD_TYPE[type]) }))} />
              </Form.Item>
              <Form.Item name={[name, 'unit']}>
                <Input aria-label={cell(index + 1, t('fields.unit'))} maxLength={20} />
              </Form.Item>
              <Form.Item name={[name, 'description']}>
                <Input aria-label={cell(index + 1, t('fields.description'))} maxLength={500} />
              </Form.Item>
              <Form.Item name={[name, 'filterable']} valuePropName="checked" className="fields-editor-check">
                <Checkbox aria-label={cell(index + 1, t('fields.filterable'))} />
              </Form.Item>
              <Form.Item name={[name, 'sensitive']} valuePropName="checked" className="fields-editor-check">
                <Checkbox aria-label={cell(index + 1, t('fields.sensitive'))} />
              </Form.Item>
              <Form.Item name={[name, 'requestable']} valuePropName="checked" className="fields-editor-check">
                <Checkbox aria-label={cell(index + 1, t('fields.requestable'))} />
              </Form.Item>
              <Tooltip title={t('fieldsEditor.remove')}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('fieldsEditor.removeRow', { n: index + 1 })} onClick={() => remove(name)} />
              </Tooltip>
            </div>
          ))}
          {rows.length === 0 && <p className="fields-editor-empty">{t('fieldsEditor.empty')}</p>}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...NEW_ITEM })}>{t('fieldsEditor.add')}</Button>
        </div>
      )}
    </Form.List>
  );
}
