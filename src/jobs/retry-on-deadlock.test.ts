import { describe, expect, it } from 'vitest';
import { retryOnDeadlock } from './runner.js';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retryOnDeadlock', () => {
  it('tries again after a deadlock and returns the result', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(() => {
      calls += 1;
      return calls < 3 ? Promise.reject(deadlock()) : Promise.resolve('done');
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the attempts, and never retries another error', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(() => {
        calls += 1;
        return Promise.reject(deadlock());
      }, 2),
    ).rejects.toThrow('deadlock detected');
    expect(calls).toBe(2);
    calls = 0;
    await expect(
      retryOnDeadlock(() => {
        calls += 1;
        return Promise.reject(Object.assign(new Error('syntax'), { code: '42601' }));
      }),
    ).rejects.toThrow('syntax');
    expect(calls).toBe(1);
  });
});
