import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../fetch/decode.js';
import { parseSiteDate } from './dates.js';
import { parseFeed } from './parse-feed.js';
import { parseDetailPage, parseListPage } from './parse-html.js';
import { parseJsonPage, valueAt } from './parse-json.js';
import { parseCount } from './parsed-item.js';

const NOW = new Date('2026-11-26T02:00:00.000Z'); // 10:00 in Shanghai

describe('decodeBody', () => {
  const text = '云溪镇道路积水严重，请尽快处理';
  it('reads the charset from Content-Type, GBK as GB18030', () => {
    const d = decodeBody(iconv.encode(text, 'gbk'), 'text/html; charset=GBK');
    expect(d).toEqual({ text, charset: 'gb18030' });
  });
  it('reads <meta charset> and http-equiv when the header has none', () => {
    const html = `<html><head><meta charset="gb2312"></head><body>${text}</body></html>`;
    expect(decodeBody(iconv.encode(html, 'gbk'), 'text/html').text).toContain(text);
    const equiv = `<meta http-equiv="Content-Type" content="text/html; charset=big5"><p>臺灣</p>`;
    const big5 = decodeBody(iconv.encode(equiv, 'big5'), null);
    expect(big5.charset).toBe('big5');
    expect(big5.text).toContain('臺灣');
  });
  it('reads the XML declaration and a BOM', () => {
    const xml = `<?xml version="1.0" encoding="GB2312"?><rss><t>${text}</t></rss>`;
    expect(decodeBody(iconv.encode(xml, 'gbk')).text).toContain(text);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeBody(bom, 'text/html; charset=gbk')).toEqual({ text, charset: 'utf8' });
  });
  it('falls back to strict UTF-8, then GB18030', () => {
    expect(decodeBody(Buffer.from(text)).charset).toBe('utf8');
    expect(decodeBody(iconv.encode(text, 'gb18030'))).toEqual({ text, charset: 'gb18030' });
  });
});

describe('parseSiteDate', () => {
  it.each([
    ['2026年11月3日 10:20', '2026-11-03T02:20:00.000Z'],
    ['2026-11-03 10:20:05', '2026-11-03T02:20:05.000Z'],
    ['发布时间：2026/11/03', '2026-11-02T16:00:00.000Z'],
    ['时间: 2026.1.5 8:05', '2026-01-05T00:05:00.000Z'],
    ['2026-11-03T10:20:00+08:00', '2026-11-03T02:20:00.000Z'],
    ['Tue, 03 Nov 2026 02:20:00 GMT', '2026-11-03T02:20:00.000Z'],
    ['3小时前', '2026-11-25T23:00:00.000Z'],
    ['昨天 08:30', '2026-11-25T00:30:00.000Z'],
  ])('reads %s as Asia/Shanghai', (raw, iso) => {
    expect(parseSiteDate(raw, NOW)?.toISOString()).toBe(iso);
  });
  it('returns null for nothing date-like or impossible dates', () => {
    expect(parseSiteDate('刚刚发布', NOW)).toBeNull();
    expect(parseSiteDate('2026年2月30日', NOW)).toBeNull();
    expect(parseSiteDate('', NOW)).toBeNull();
  });
});

describe('parseFeed', () => {
  it('reads RSS 2.0 with CDATA, dc:creator and content:encoded', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>论坛</title>
<item><title><![CDATA[路灯不亮]]></title><link>/t/1</link><guid>t1</guid>
<description>摘要</description><content:encoded><![CDATA[<p>第一段</p><p>第二段</p>]]></content:encoded>
<dc:creator>市民甲</dc:creator><pubDate>Tue, 03 Nov 2026 02:20:00 GMT</pubDate></item>
<item><title>第二条</title><link>http://x.test/t/2</link><description>&lt;b&gt;粗体&lt;/b&gt;内容</description></item>
</channel></rss>`;
    const feed = parseFeed(xml, 'http://x.test/feed.xml', NOW);
    expect(feed?.format).toBe('rss2');
    expect(feed?.items).toEqual([
      {
        externalId: 't1',
        url: 'http://x.test/t/1',
        title: '路灯不亮',
        body: '第一段\n第二段',
        author: '市民甲',
        postedAt: new Date('2026-11-03T02:20:00.000Z'),
        likes: null,
      },
      expect.objectContaining({ title: '第二条', body: '粗体内容', url: 'http://x.test/t/2' }),
    ]);
  });
  it('reads Atom and RSS 1.0', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><id>urn:1</id><title>标题</title><link rel="alternate" href="http://x.test/a"/>
<author><name>作者</name></author><updated>2026-11-03T10:20:00+08:00</updated>
<content type="html">&lt;p&gt;正文&lt;/p&gt;</content></entry></feed>`;
    expect(parseFeed(atom, 'http://x.test/', NOW)?.items[0]).toEqual({
      externalId: 'urn:1',
      url: 'http://x.test/a',
      title: '标题',
      body: '正文',
      author: '作者',
      postedAt: new Date('2026-11-03T02:20:00.000Z'),
      likes: null,
    });
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x.test/"><title>R</title></channel>
<item rdf:about="http://x.test/r1"><title>一</title><link>http://x.test/r1</link><description>内容</description><dc:date>2026-11-03T10:20:00+08:00</dc:date></item>
</rdf:RDF>`;
    const feed = parseFeed(rdf, 'http://x.test/', NOW);
    expect(feed?.format).toBe('rss1');
    expect(feed?.items[0]).toMatchObject({ title: '一', body: '内容', url: 'http://x.test/r1' });
  });
  it('returns null for what is not a feed', () => {
    expect(parseFeed('<html><body>x</body></html>', 'http://x.test/', NOW)).toBeNull();
    expect(parseFeed('not xml at all <<<', 'http://x.test/', NOW)).toBeNull();
  });
});

describe('HTML list and detail pages', () => {
  const config = {
    itemLink: '.list li a.t',
    nextPage: 'a.next',
    title: 'h1',
    body: '.content',
    author: '.author',
    time: '.time',
    likes: '.likes',
  };
  it('makes item links and the next page absolute, without repeats', () => {
    const html = `<ul class="list"><li><a class="t" href="t/1.html">一</a></li>
<li><a class="t" href="/bbs/t/2.html#reply">二</a></li><li><a class="t" href="t/1.html">一</a></li>
<li><a class="t" href="javascript:void(0)">坏</a></li></ul><a class="next" href="?page=2">下一页</a>`;
    expect(parseListPage(html, 'http://x.test/bbs/list.html', config)).toEqual({
      links: ['http://x.test/bbs/t/1.html', 'http://x.test/bbs/t/2.html'],
      nextPage: 'http://x.test/bbs/list.html?page=2',
    });
  });
  it('reads the detail fields and says which selectors matched nothing', () => {
    const html = `<h1> 污水 外溢 </h1><div class="content"><p>第一段</p><p>第二段<br>换行</p></div>
<span class="time">发布时间：2026年11月3日 10:20</span><span class="likes">赞 1.2万</span>`;
    const detail = parseDetailPage(html, 'http://x.test/t/1', config, NOW);
    expect(detail.item).toEqual({
      externalId: null,
      url: 'http://x.test/t/1',
      title: '污水 外溢',
      body: '第一段\n第二段\n换行',
      author: null,
      postedAt: new Date('2026-11-03T02:20:00.000Z'),
      likes: 12_000,
    });
    expect(detail.missing).toEqual(['author']);
  });
  it('treats an invalid selector as matching nothing', () => {
    const detail = parseDetailPage('<h1>x</h1>', 'http://x.test/', { ...config, body: '[[' }, NOW);
    expect(detail.missing).toContain('body');
  });
});

describe('JSON pages', () => {
  it('maps fields by dotted paths', () => {
    const json = {
      data: {
        list: [
          {
            id: 7,
            subject: '标题',
            detail: { text: '<p>正文</p>' },
            link: '/m/7',
            user: { nick: '网友' },
            ts: 1_793_680_000,
            stats: { up: '35' },
          },
        ],
      },
    };
    const page = parseJsonPage(
      json,
      'http://api.test/v1/msgs?page=1',
      {
        itemsPath: 'data.list',
        fields: {
          id: 'id',
          title: 'subject',
          body: 'detail.text',
          url: 'link',
          author: 'user.nick',
          time: 'ts',
          likes: 'stats.up',
        },
      },
      NOW,
    );
    expect(page).toEqual({
      found: true,
      items: [
        {
          externalId: '7',
          url: 'http://api.test/m/7',
          title: '标题',
          body: '正文',
          author: '网友',
          postedAt: new Date(1_793_680_000_000),
          likes: 35,
        },
      ],
    });
    expect(
      parseJsonPage({ a: 1 }, 'http://api.test/', { itemsPath: 'a', fields: { body: 'b' } }, NOW)
        .found,
    ).toBe(false);
    expect(valueAt([{ a: 1 }], '')).toEqual([{ a: 1 }]);
    expect(valueAt({ a: [{ b: 2 }] }, 'a.0.b')).toBe(2);
  });
  it('reads counts as sites write them', () => {
    expect(parseCount('1,234')).toBe(1234);
    expect(parseCount('阅读 3.5万')).toBe(35_000);
    expect(parseCount('无')).toBeNull();
  });
});
