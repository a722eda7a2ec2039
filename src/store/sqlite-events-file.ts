// The SQLite audit event log's file name inside the data dir (its own module so that naming it does not load
// the native SQLite addon).
export const EVENTS_FILE = 'events.db';
