import { describe, expect, it } from 'vitest';
import { MASK, maskValue, type MaskedField } from './masking.js';

const text = (name: string, title = name): MaskedField => ({ name, title, type: 'string' });

describe('masking a sample’s sensitive values (脱敏)', () => {
  it('keeps the region and last four characters of an ID number', () => {
    expect(maskValue('330106198506153212', text('id_number', '身份证号码'))).toBe('330106********3212');
    expect(maskValue('33010619850615321x', text('证件号'))).toBe('330106********321x');
    expect(maskValue('330106850615321', text('证件号'))).toBe('330106*****5321');
  });

  it('keeps a mobile number’s prefix and last four digits, and a landline’s first three and last four', () => {
    expect(maskValue('13812345678', text('mobile'))).toBe('138****5678');
    expect(maskValue('0571-87654321', text('电话'))).toBe('057*-****4321');
  });

  it('keeps an email’s first character and domain', () => {
    expect(maskValue('zhangsan@example.cn', text('邮箱'))).toBe('z***@example.cn');
  });

  it('keeps the first and last characters of names in name columns', () => {
    expect(maskValue('张三', text('driver_name', '驾驶员姓名'))).toBe('张*');
    expect(maskValue('张三丰', text('driver_name', '驾驶员姓名'))).toBe('张*丰');
    expect(maskValue('欧阳娜娜', text('姓名'))).toBe('欧**娜');
    expect(maskValue('杭州云途出行科技有限公司', text('company_name'))).toBe('杭****司');
    expect(maskValue('李', text('姓名'))).toBe('*');
  });

  it('hides anything else whole, numbers, dates and yes/no included', () => {
    expect(maskValue('杭州市西湖区文一路 100 号', text('address', '住址'))).toBe(MASK);
    expect(maskValue(1985, { name: 'birth_year', type: 'integer' })).toBe(MASK);
    expect(maskValue(3.5, { name: 'income', type: 'number' })).toBe(MASK);
    expect(maskValue('1985-06-15', { name: 'birth_date', type: 'date' })).toBe(MASK);
    expect(maskValue(true, { name: 'disabled', type: 'boolean' })).toBe(MASK);
  });

  it('leaves empty values empty', () => {
    expect(maskValue(null, text('姓名'))).toBeNull();
    expect(maskValue('', text('姓名'))).toBe('');
  });

  it('never gives back a value that contains the original', () => {
    for (const [value, field] of [['张*', text('姓名')], ['张**', text('姓名')], ['ab', text('name')]] as const) {
      expect(maskValue(value, field)).not.toContain(value);
    }
  });
});
