// Hot topics (0010): filled in by the topics work.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TopicTables {}
