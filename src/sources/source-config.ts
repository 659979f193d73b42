import { Type, type Static } from '@sinclair/typebox';

/**
 * What each kind of source needs besides its URL. Stored in sources.config (jsonb), validated by
 * the routes with these schemas and read by the fetcher. Selectors are CSS selectors (cheerio).
 */
export const HtmlSourceConfig = Type.Object(
  {
    /** On a list page: each item's link to its detail page (an <a> or an element holding one). */
    itemLink: Type.String({ minLength: 1, maxLength: 300 }),
    /** On a list page: the link to the next list page; absent = only the first page. */
    nextPage: Type.Optional(Type.String({ maxLength: 300 })),
    /** On a detail page. */
    title: Type.String({ minLength: 1, maxLength: 300 }),
    body: Type.String({ minLength: 1, maxLength: 300 }),
    author: Type.Optional(Type.String({ maxLength: 300 })),
    time: Type.Optional(Type.String({ maxLength: 300 })),
    /** Optional counters where the site shows them. */
    likes: Type.Optional(Type.String({ maxLength: 300 })),
    maxPages: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export type HtmlSourceConfig = Static<typeof HtmlSourceConfig>;

/** Paths are dotted (`data.items`, `user.name`); an empty itemsPath means the body is the array. */
export const JsonSourceConfig = Type.Object(
  {
    itemsPath: Type.String({ maxLength: 200 }),
    fields: Type.Object(
      {
        id: Type.Optional(Type.String({ maxLength: 200 })),
        title: Type.Optional(Type.String({ maxLength: 200 })),
        body: Type.String({ minLength: 1, maxLength: 200 }),
        url: Type.Optional(Type.String({ maxLength: 200 })),
        author: Type.Optional(Type.String({ maxLength: 200 })),
        time: Type.Optional(Type.String({ maxLength: 200 })),
        likes: Type.Optional(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
    /** A query parameter to page with (`page`), counting from 1; absent = one request. */
    pageParam: Type.Optional(Type.String({ maxLength: 50 })),
    maxPages: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export type JsonSourceConfig = Static<typeof JsonSourceConfig>;

export const FeedSourceConfig = Type.Object(
  {
    /** At most this many of the feed's items per fetch (default 200). */
    maxItems: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type FeedSourceConfig = Static<typeof FeedSourceConfig>;

/** A source as the fetcher sees it, whether stored or only being tried out (试抓取). */
export type SourceDefinition =
  | { kind: 'rss'; url: string; config: FeedSourceConfig }
  | { kind: 'html'; url: string; config: HtmlSourceConfig }
  | { kind: 'json'; url: string; config: JsonSourceConfig };

export type FetchedKind = SourceDefinition['kind'];

export function isFetchedKind(kind: string): kind is FetchedKind {
  return kind === 'rss' || kind === 'html' || kind === 'json';
}
