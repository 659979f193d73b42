import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../server/common-schemas.js';

export const IMPORT_FIELDS = [
  'title',
  'body',
  'postedAt',
  'author',
  'url',
  'likes',
  'dislikes',
  'externalId',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  title: '标题',
  body: '内容',
  postedAt: '时间',
  author: '作者',
  url: '链接',
  likes: '点赞数',
  dislikes: '反对数',
  externalId: '编号',
};

const Column = Nullable(Type.String({ maxLength: 200 }));

/** Which column of the file holds each field; null or absent = not in the file. */
export const ColumnMapping = Type.Object(
  {
    title: Type.Optional(Column),
    body: Nullable(Type.String({ maxLength: 200 })),
    postedAt: Type.Optional(Column),
    author: Type.Optional(Column),
    url: Type.Optional(Column),
    likes: Type.Optional(Column),
    dislikes: Type.Optional(Column),
    externalId: Type.Optional(Column),
  },
  { additionalProperties: false },
);
export type ColumnMapping = Static<typeof ColumnMapping>;

// Header names seen in exports of Chinese message boards, most specific first.
const NAMES: Record<ImportField, string[]> = {
  title: ['留言主题', '标题', '主题', 'title', 'subject'],
  body: ['留言详情', '留言内容', '内容', '正文', '详情', 'body', 'content', 'text'],
  postedAt: ['留言时间', '发布时间', '发帖时间', '时间', '日期', 'time', 'date', 'postedat'],
  author: [
    '留言用户',
    '发布人',
    '作者',
    '网名',
    '昵称',
    '用户名',
    '用户',
    '网友',
    'author',
    'user',
  ],
  url: ['链接', '网址', '地址', 'url', 'link'],
  likes: ['点赞数', '点赞', '赞', 'likes'],
  dislikes: ['反对数', '反对', '踩', 'dislikes'],
  externalId: ['留言编号', '编号', 'id'],
};

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** A first guess from the header names: exact names first, then names that contain one. */
export function guessMapping(columns: readonly string[]): Record<ImportField, string | null> {
  const used = new Set<string>();
  const result = {} as Record<ImportField, string | null>;
  const find = (field: ImportField, match: (col: string, name: string) => boolean) => {
    for (const name of NAMES[field]) {
      const col = columns.find((c) => !used.has(c) && match(norm(c), norm(name)));
      if (col !== undefined) return col;
    }
    return null;
  };
  for (const field of IMPORT_FIELDS) {
    const col = find(field, (c, n) => c === n);
    result[field] = col;
    if (col !== null) used.add(col);
  }
  for (const field of IMPORT_FIELDS) {
    if (result[field] !== null) continue;
    // Short names ('id', '赞') only match exactly.
    const col = find(field, (c, n) => n.length >= 2 && !/^[a-z]{1,3}$/.test(n) && c.includes(n));
    result[field] = col;
    if (col !== null) used.add(col);
  }
  return result;
}
