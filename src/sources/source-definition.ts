import { Value } from '@sinclair/typebox/value';
import type { Selectable } from 'kysely';
import type { SourcesTable } from '../db/schema.js';
import {
  FeedSourceConfig,
  HtmlSourceConfig,
  JsonSourceConfig,
  type SourceDefinition,
} from './source-config.js';

/** The stored source as the fetcher reads it; null when its url or config does not fit its kind. */
export function definitionOf(source: Selectable<SourcesTable>): SourceDefinition | null {
  const { kind, url, config } = source;
  if (!url) return null;
  switch (kind) {
    case 'rss':
      return Value.Check(FeedSourceConfig, config) ? { kind, url, config } : null;
    case 'html':
      return Value.Check(HtmlSourceConfig, config) ? { kind, url, config } : null;
    case 'json':
      return Value.Check(JsonSourceConfig, config) ? { kind, url, config } : null;
    case 'manual':
    case 'import':
    case 'board':
      return null;
  }
}
