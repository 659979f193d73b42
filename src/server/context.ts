import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DbKind } from '../db/connection.js';
import type { DB } from '../db/schema.js';
import type { Clock } from '../lib/clock.js';

/** What every use case may reach: the database, the clock and the settings. Nothing global. */
export interface AppContext {
  db: Kysely<DB>;
  dbKind: DbKind;
  clock: Clock;
  config: Config;
  version: string;
}
