import { describe, expect, it } from 'vitest';
import { unitAliases } from './suggest-units.js';

describe('unitAliases', () => {
  it('reads a committee by the name citizens write', () => {
    expect(unitAliases('青石村委会')).toEqual(['青石村委会', '青石村']);
    expect(unitAliases('新河社区居委会')).toEqual(['新河社区居委会', '新河社区']);
    expect(unitAliases('城建办')).toEqual(['城建办']);
  });

  it('reads 柳塘村村委会, the official form, as 柳塘村, not 柳塘村村', () => {
    // A township's units are registered under their full names (柳塘村村委会, 柳塘村村民委员会);
    // 柳塘村村 is in no message, so a post about 柳塘村 suggested no lead unit.
    expect(unitAliases('柳塘村村委会')).toEqual(['柳塘村村委会', '柳塘村']);
    expect(unitAliases('柳塘村村民委员会')).toEqual(['柳塘村村民委员会', '柳塘村']);
  });
});
