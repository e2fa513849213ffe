/** Something that runs parameterised SQL: the database itself or an open transaction. */
export interface Sql {
  /** Run one statement with `$1…` parameters and return its rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * The storage engine behind the server: PostgreSQL, embedded (PGlite) or a real server. Both speak the same SQL,
 * so every store and migration is written once.
 */
export interface Database extends Sql {
  /** `pglite` (embedded, one process) or `postgres` (a PostgreSQL server, several nodes possible). */
  readonly kind: 'pglite' | 'postgres';
  /** Run `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Run a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Listen on a NOTIFY channel; resolves to a function that stops listening. `onReconnect` is called after the
   * listening connection was lost and listens again (notifications sent meanwhile are lost: catch up).
   */
  listen(
    channel: string,
    listener: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  /** Send a NOTIFY on a channel. */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /**
   * Call `listener` if the database is lost for good while open (the embedded database's worker thread died):
   * every call fails from then on. Returns a function that stops listening. Absent for PostgreSQL, whose pool
   * reconnects.
   */
  onLost?(listener: (error: Error) => void): () => void;
  /** Connections of the pool (PostgreSQL); absent for the embedded database. */
  poolStats?(): { total: number; idle: number; waiting: number };
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database's files. */
  dataDir: string;
  /** PostgreSQL schema to use (tests run in a fresh schema); default `public`. */
  schema?: string;
}

/** Open the configured database (PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir`). */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres');
    return openPostgres(options.databaseUrl, options.schema);
  }
  const { openPglite } = await import('./pglite');
  return openPglite(options.dataDir);
}
