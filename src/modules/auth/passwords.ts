import { randomInt } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';
import { AppError } from '../../server/errors.js';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. The package's Algorithm is a const enum,
// which isolated modules cannot read: 2 is its Argon2id.
const ARGON2ID = 2 as Options['algorithm'];
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this keeps the time of a login for an unknown name like a real one. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('yuqing-no-such-user');
  return dummyHash;
}

// Words that lead the leaked-password lists (and their pinyin favourites): with digits and symbols
// around them (Password1, Admin@123, Woaini520) they are the first guesses, whatever the rules.
const COMMON_WORDS = new Set(
  (
    'password passwd pass admin administrator root user test guest login welcome letmein ' +
    'qwerty qwertyuiop asdf asdfgh asdfghjkl zxcv zxcvbn qaz qazwsx abc abcd abcde abcdef ' +
    'abcdefg iloveyou love monkey dragon master shadow sunshine princess football baseball ' +
    'superman hello system manager woaini aini wangluo zhangsan lisi yuqing'
  ).split(' '),
);
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '@': 'a',
  $: 's',
};

/** A password whose letters are one common word or one letter repeated, digits and signs aside. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const letters = lower.replace(/[^a-z]/g, '');
  // A sign or digit between letters stands for a letter (P@ssw0rd); the year after it does not.
  const unleet = lower
    .replace(/(?<=[a-z])[0134@$5]+(?=[a-z])/g, (run) => [...run].map((c) => LEET[c] ?? c).join(''))
    .replace(/[^a-z]/g, '');
  return (
    COMMON_WORDS.has(letters) ||
    COMMON_WORDS.has(unleet) ||
    /^([a-z])\1{2,}$/.test(letters) ||
    digitsAreTheGuess(password, letters)
  );
}

/**
 * One or two letters put to a run of digits (Aa123456, a1234567, qq123456, A11111111):
 * the letters only satisfy the rule, the digits are the leaked lists' first entries.
 */
function digitsAreTheGuess(password: string, letters: string): boolean {
  if (letters.length > 2) return false;
  const digits = password.replace(/\D/g, '');
  if (digits.length < 4) return false;
  return (
    '01234567890'.includes(digits) || '09876543210'.includes(digits) || /^(\d)\1+$/.test(digits)
  );
}

export function assertStrongPassword(password: string): void {
  if (password.length < 8 || password.length > 128) {
    throw new AppError('PASSWORD_WEAK', '密码长度须为 8 到 128 位');
  }
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw new AppError('PASSWORD_WEAK', '密码须同时包含字母和数字');
  }
  if (isCommonPassword(password)) {
    throw new AppError(
      'PASSWORD_WEAK',
      '密码过于常见（如 Password1、Admin@123），容易被猜中，请换一个',
    );
  }
}

// No 0/O, 1/l/I: the password is read off a screen and typed by hand.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '@#%+=';

export function generatePassword(length = 12): string {
  const all = LETTERS + DIGITS + SYMBOLS;
  const chars = [pick(LETTERS), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

function pick(set: string): string {
  return set[randomInt(set.length)] ?? '';
}
