// The SQLite backend's file names inside the data dir (a module of their own so that naming them does not
// load the native SQLite addon).
export const SQLITE_FILE = 'rolechain.db';
/** The audit event log, written by its own worker thread. */
export const EVENTS_FILE = 'events.db';
