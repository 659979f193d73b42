import { XMLParser } from 'fast-xml-parser';
import { parseSiteDate } from './dates.js';
import { absoluteUrl, htmlToText, type ParsedItem } from './parsed-item.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
});

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of an element that may carry attributes (`{ '#text': …, '@_type': … }`). */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (isNode(value)) {
    const inner = value['#text'];
    if (inner !== undefined) return text(inner);
    // Atom <author><name>…</name></author>.
    if (value.name !== undefined) return text(value.name);
  }
  return null;
}

function atomLink(links: unknown): string | null {
  if (!Array.isArray(links)) return text(links);
  const nodes = links.filter(isNode);
  const alternate =
    nodes.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? nodes[0];
  return alternate ? text(alternate['@_href']) : text(links[0]);
}

export interface ParsedFeed {
  format: 'rss2' | 'atom' | 'rss1';
  title: string | null;
  items: ParsedItem[];
}

/** RSS 2.0, Atom 1.0 and RSS 1.0 (RDF); null when the XML is none of them. */
export function parseFeed(xml: string, baseUrl: string, now: Date): ParsedFeed | null {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return null;
  }
  if (!isNode(doc)) return null;
  const rss = doc.rss;
  if (isNode(rss) && isNode(rss.channel)) {
    const channel = rss.channel;
    return {
      format: 'rss2',
      title: text(channel.title),
      items: asNodes(channel.item).map((item) => rssItem(item, baseUrl, now)),
    };
  }
  const rdf = doc.RDF;
  if (isNode(rdf)) {
    return {
      format: 'rss1',
      title: isNode(rdf.channel) ? text(rdf.channel.title) : null,
      items: asNodes(rdf.item).map((item) => rssItem(item, baseUrl, now)),
    };
  }
  const feed = doc.feed;
  if (isNode(feed)) {
    return {
      format: 'atom',
      title: text(feed.title),
      items: asNodes(feed.entry).map((entry) => atomEntry(entry, baseUrl, now)),
    };
  }
  return null;
}

function asNodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
}

function rssItem(item: Node, baseUrl: string, now: Date): ParsedItem {
  const link = text(item.link) ?? (isNode(item) ? text(item['@_about']) : null);
  const url = absoluteUrl(link, baseUrl);
  const guid = text(item.guid);
  const body = text(item.encoded) ?? text(item.description) ?? '';
  return {
    externalId: guid ?? url,
    url,
    title: clean(text(item.title)),
    body: htmlToText(body),
    author: clean(text(item.creator) ?? text(item.author)),
    postedAt: parseSiteDate(text(item.pubDate) ?? text(item.date), now),
    likes: null,
  };
}

function atomEntry(entry: Node, baseUrl: string, now: Date): ParsedItem {
  const url = absoluteUrl(atomLink(entry.link), baseUrl);
  const body = text(entry.content) ?? text(entry.summary) ?? '';
  return {
    externalId: text(entry.id) ?? url,
    url,
    title: clean(text(entry.title)),
    body: htmlToText(body),
    author: clean(text(entry.author)),
    postedAt: parseSiteDate(text(entry.published) ?? text(entry.updated), now),
    likes: null,
  };
}

function clean(value: string | null): string | null {
  if (value === null) return null;
  return htmlToText(value) || null;
}
