// The SQLite database's file name inside the data dir (its own module so that naming it does not load the
// native SQLite addon).
export const SQLITE_FILE = 'rolechain.db';
