import { describe, expect, it } from 'vitest';
import { maskContact, maskContactsInText } from './mask-contact.js';

describe('masking contact details', () => {
  it('masks a contact field', () => {
    expect(maskContact('13812345678')).toBe('138****5678');
    expect(maskContact('+86 138 1234 5678')).toBe('138****5678');
    expect(maskContact('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskContact('王先生')).toBe('王*生');
    // A landline is masked as in the text: the same number reads the same in both places.
    expect(maskContact('0571-12345678')).toBe('0571-****5678');
    expect(maskContactsInText('电话0571-12345678')).toBe('电话0571-****5678');
  });

  it('masks the numbers and addresses a citizen wrote into the message', () => {
    expect(
      maskContactsInText(
        '垃圾站三天没清运。联系电话13812345678，座机0571-87654321，邮箱 li_si@qq.com，身份证号33010219800101123X。',
      ),
    ).toBe(
      '垃圾站三天没清运。联系电话138****5678，座机0571-****4321，邮箱 l***@qq.com，身份证号330102********123X。',
    );
  });

  it('leaves dates, amounts, house numbers and longer digit runs alone', () => {
    const text = '2026年11月27日起拖欠工资12000元，幸福路128号，订单号202611271234567890123。';
    expect(maskContactsInText(text)).toBe(text);
  });
});
