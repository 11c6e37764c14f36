/** Rows as plain objects keyed by column name. */
export type Row = Record<string, unknown>;

/**
 * What the ledger code needs from a SQL connection: one PostgreSQL dialect, `$1` parameters.
 * BIGINT columns come back as JS numbers (øre amounts stay far below 2^53) and DATE columns as
 * 'YYYY-MM-DD' strings, whichever adapter is behind it.
 */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A ledger database: PGlite (embedded) or PostgreSQL, behind the same small interface. */
export interface Database extends Queryable {
  /** Which engine is behind the interface (for logs and engine-specific tests only). */
  readonly engine: 'pglite' | 'postgresql';
  /**
   * Runs `fn` inside one transaction: committed when it resolves, rolled back when it throws
   * (the error is re-thrown).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Releases the connection(s). */
  close(): Promise<void>;
}

/** PostgreSQL type OIDs both adapters parse the same way. */
export const PG_TYPE = { INT8: 20, DATE: 1082 } as const;

/** Parses an INT8 text value to a JS number (the ledger's øre amounts and counts fit). */
export function parseInt8(value: string): number {
  return Number(value);
}
