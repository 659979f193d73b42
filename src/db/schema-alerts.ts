// Alerts (0011): filled in by the alerts work.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AlertTables {}
