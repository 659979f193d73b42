import { describe, expect, it } from 'vitest';
import { assertStrongPassword, generatePassword, isCommonPassword } from './passwords.js';

describe('password strength', () => {
  it('refuses short passwords and those without both letters and digits', () => {
    expect(() => assertStrongPassword('Ab1')).toThrow('密码长度须为 8 到 128 位');
    expect(() => assertStrongPassword('abcdefghij')).toThrow('密码须同时包含字母和数字');
  });

  it('refuses a common word dressed up with digits and signs', () => {
    for (const weak of [
      'Password1',
      'Admin@123',
      'P@ssw0rd2026',
      'Woaini520',
      'qwerty123',
      'aaaa1111',
      'Aa123456',
      'a1234567',
      'qq123456',
      'Ab@654321',
      'A11111111',
    ])
      expect(() => assertStrongPassword(weak), weak).toThrow('密码过于常见');
  });

  it('accepts the demo and generated passwords and other ordinary ones', () => {
    for (const ok of [
      'Demo@2026',
      'Better@2027',
      'Kp7@Yunxi-2026',
      'Qx@20261128',
      'Zh7#4930152',
      generatePassword(),
    ]) {
      expect(isCommonPassword(ok), ok).toBe(false);
      expect(() => assertStrongPassword(ok), ok).not.toThrow();
    }
  });
});
