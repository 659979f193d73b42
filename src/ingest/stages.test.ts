import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonical-url.js';
import { normalise } from './normalise.js';
import { relevance } from './relevance.js';
import { segment, segmenter } from './segment.js';
import {
  hammingDistance,
  NEAR_DUPLICATE_DISTANCE,
  simhash64,
  simhashBands,
  simhashFromSql,
  simhashToSql,
} from './simhash.js';

describe('normalise', () => {
  it('strips tags and entities, collapses whitespace and turns full-width letters and digits half-width', () => {
    expect(
      normalise(
        '<div><p>小区&nbsp;&nbsp;夜间<b>施工</b>&amp;噪音</p><script>alert(1)</script>\n\n<p>ＡＢＣ１２３　路</p></div>',
      ),
    ).toBe('小区 夜间施工&噪音\nABC123 路');
    expect(normalise('&#x4e2d;&#25991; &lt;tag&gt;')).toBe('中文 <tag>');
    expect(normalise('   多个    空格\t\t在这里  ')).toBe('多个 空格 在这里');
    // Control characters go (PostgreSQL refuses U+0000 in text); line breaks stay.
    expect(normalise('路灯\u0000不亮&#0;\u0007\n第二行\u001f')).toBe('路灯不亮\n第二行');
    // Chinese punctuation is text, not a width variant.
    expect(normalise('你好，世界。请问：能否（尽快）处理？谢谢！')).toBe(
      '你好，世界。请问：能否（尽快）处理？谢谢！',
    );
  });
});

describe('canonicalUrl', () => {
  it('lower-cases the host, drops the fragment and tracking parameters, sorts the query', () => {
    expect(canonicalUrl('HTTPS://Bbs.Example.COM:443/thread?tid=5&utm_source=wx&a=1#reply')).toBe(
      'https://bbs.example.com/thread?a=1&tid=5',
    );
    expect(canonicalUrl('http://example.com/?utm_medium=x&fbclid=y')).toBe('http://example.com');
    expect(canonicalUrl('http://example.com/a?b=2&a=1')).toBe(
      canonicalUrl('http://EXAMPLE.com/a?a=1&b=2#top'),
    );
  });
  it('refuses what is not an http(s) URL', () => {
    expect(canonicalUrl('mailto:someone@example.com')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl(null)).toBeNull();
  });
});

describe('simhash64', () => {
  const seg = segmenter();
  const base =
    '我们小区旁边的工地最近一个月每天晚上十点以后还在施工，搅拌机和渣土车的声音非常大，' +
    '老人和孩子都睡不好觉。多次打电话给物业和工地负责人都没有结果，希望环保部门和城管部门' +
    '尽快到现场查看，依法处理夜间违规施工的问题，还居民一个安静的休息环境。谢谢！';

  it('puts a lightly edited text within the near-duplicate distance', () => {
    const a = simhash64(seg.words(base));
    const b = simhash64(seg.words(base.replace('谢谢！', '非常感谢！')));
    expect(hammingDistance(a, b)).toBeLessThanOrEqual(NEAR_DUPLICATE_DISTANCE);
    // Within distance 3 at least one 16-bit band is shared: the database lookup relies on it.
    expect(simhashBands(a).some((band) => simhashBands(b).includes(band))).toBe(true);
  });

  it('puts an unrelated text far away', () => {
    const a = simhash64(seg.words(base));
    const c = simhash64(
      seg.words(
        '请问今年的高中学位什么时候开始报名，外地户口的孩子需要准备哪些材料，在哪里可以查询到具体的政策文件？',
      ),
    );
    expect(hammingDistance(a, c)).toBeGreaterThan(10);
  });

  it('survives the round trip through a signed bigint', () => {
    for (const h of [
      { hi: 0xffffffff, lo: 0xffffffff },
      { hi: 0x80000000, lo: 1 },
      simhash64(['噪音']),
    ]) {
      expect(simhashFromSql(simhashToSql(h))).toEqual(h);
    }
  });
});

describe('relevance and segmentation', () => {
  it('finds the dictionary terms a post mentions', () => {
    expect(relevance('A3区某小区噪音扰民', ['A3区', 'B2县', '噪音'])).toEqual({
      relevant: true,
      terms: ['A3区', '噪音'],
    });
    expect(relevance('外省的一条新闻', ['A3区'])).toEqual({ relevant: false, terms: [] });
    // 云溪 only inside 云溪镇 and 云溪大道 is not a third place; on its own it is.
    expect(relevance('云溪镇云溪大道路灯不亮', ['云溪', '云溪镇', '云溪大道']).terms).toEqual([
      '云溪镇',
      '云溪大道',
    ]);
    expect(relevance('云溪镇通知：云溪一带停水', ['云溪', '云溪镇']).terms).toEqual([
      '云溪',
      '云溪镇',
    ]);
    expect(relevance('任何内容', []).relevant).toBe(true);
    // Unit names only (no place or keyword yet): nothing is judged, the names found are kept.
    expect(relevance('城建办的人来量过房子', ['城建办', '综治办'], false)).toEqual({
      relevant: true,
      terms: ['城建办'],
    });
    expect(relevance('省城地铁', ['城建办'], false)).toEqual({ relevant: true, terms: [] });
  });

  it('keeps local names whole with the user dictionary', () => {
    const text = '金鼎村七里组的自来水问题';
    expect(segmenter().words(text)).not.toContain('金鼎村七里组');
    expect(segmenter(['金鼎村七里组']).words(text)).toContain('金鼎村七里组');
    expect(segment(segmenter(), '夜间施工，噪音扰民！')).not.toMatch(/[，！]/);
  });

  it('leaves out the links written into a post, whose pieces are no words of it', () => {
    const words = segmenter().words(
      '二楼还有人被困 http://img.example.cn/p/2.jpg，视频www.example.com/v/3.mp4看得到火。PM2.5超标',
    );
    expect(words).toEqual(expect.arrayContaining(['被困', '视频', 'pm2.5']));
    for (const piece of ['http', 'img', 'example', 'cn', 'jpg', 'www', 'com', 'mp4']) {
      expect(words).not.toContain(piece);
    }
  });
});
