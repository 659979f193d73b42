import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../../server/errors.js';

/**
 * An encrypted backup (YUQING_BACKUP_KEY): the gzipped backup sealed with AES-256-GCM under a key
 * derived from the passphrase by scrypt. A backup holds citizens' contact details and password
 * hashes, and is meant to be copied off the machine.
 *
 *   MAGIC (8) · salt (16) · iv (12) · key check (16) · ciphertext · GCM tag (16)
 *
 * The key check (an HMAC of a fixed text under the derived key) tells a wrong passphrase at once,
 * before anything is restored; the tag tells a changed or cut-off file at the end, and the restore,
 * one transaction, then keeps nothing.
 */
const MAGIC = Buffer.from('YQBKENC1');
const SALT = 16;
const IV = 12;
const CHECK = 16;
const TAG = 16;
const HEADER = MAGIC.length + SALT + IV + CHECK;

function derive(passphrase: string, salt: Buffer): { key: Buffer; check: Buffer } {
  const key = scryptSync(passphrase, salt, 32);
  const check = createHmac('sha256', key).update('yuqing-backup-key-check').digest();
  return { key, check: check.subarray(0, CHECK) };
}

/** A stream that encrypts what passes through it, header first and the tag last. */
export function encryptingStream(passphrase: string): Transform {
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const { key, check } = derive(passphrase, salt);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!started) {
        started = true;
        this.push(Buffer.concat([MAGIC, salt, iv, check]));
      }
      done(null, cipher.update(chunk));
    },
    flush(done) {
      if (!started) this.push(Buffer.concat([MAGIC, salt, iv, check]));
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

/**
 * The backup file's gzipped bytes: the file itself, or, for an encrypted one, its decryption with
 * `passphrase`. Refuses at once, in Chinese, an encrypted file without a passphrase or with the
 * wrong one; a changed or cut-off file fails at its end (the stream errors).
 */
export async function openBackupFile(file: string, passphrase?: string): Promise<Readable> {
  const handle = await open(file, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    head = Buffer.alloc(Math.min(HEADER, size));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (head.length < MAGIC.length || !head.subarray(0, MAGIC.length).equals(MAGIC))
    return createReadStream(file);
  if (!passphrase)
    throw new AppError(
      'VALIDATION_FAILED',
      '备份文件已加密：请把 YUQING_BACKUP_KEY 设为备份时的密钥后再恢复',
    );
  if (size <= HEADER + TAG)
    throw new AppError('VALIDATION_FAILED', '备份文件不完整（加密文件被截断），无法读取');
  let at = MAGIC.length;
  const salt = head.subarray(at, (at += SALT));
  const iv = head.subarray(at, (at += IV));
  const stored = head.subarray(at, (at += CHECK));
  const { key, check } = derive(passphrase, salt);
  if (!timingSafeEqual(stored, check))
    throw new AppError(
      'VALIDATION_FAILED',
      '备份密钥不正确：YUQING_BACKUP_KEY 与备份时的密钥不同，无法解密',
    );
  const tag = Buffer.alloc(TAG);
  const tail = await open(file, 'r');
  try {
    await tail.read(tag, 0, TAG, size - TAG);
  } finally {
    await tail.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  const plain = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decipher.update(chunk));
    },
    flush(done) {
      try {
        done(null, decipher.final());
      } catch {
        done(
          new AppError(
            'VALIDATION_FAILED',
            '备份文件已被改动或不完整（加密校验失败），未恢复任何数据',
          ),
        );
      }
    },
  });
  // pipe() does not pass a read error on: without this it would escape unhandled.
  return createReadStream(file, { start: HEADER, end: size - TAG - 1 })
    .on('error', (err) => plain.destroy(err))
    .pipe(plain);
}
