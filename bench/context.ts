import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/connection.js';
import { systemClock } from '../src/lib/clock.js';
import type { AppContext } from '../src/server/context.js';

/** The context the pipeline and analysers run in for a benchmark: no demo, no workers, no logs. */
export function benchContext(database: Database): AppContext {
  return {
    db: database.db,
    dbKind: database.kind,
    clock: systemClock,
    config: { ...loadConfig({}), demo: false, workers: false, logLevel: 'silent' },
    version: 'bench',
  };
}
