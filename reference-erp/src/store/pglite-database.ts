import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type Database, PG_TYPE, parseInt8, type Queryable, type Row } from './database.js';

/** Where the embedded database lives: a directory (persisted) or `memory` (tests). */
export interface PgliteOptions {
  /** A directory for the database files; omitted or `'memory'` keeps everything in memory. */
  dataDir?: string;
}

const parsers = { [PG_TYPE.INT8]: parseInt8, [PG_TYPE.DATE]: (value: string) => value };

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await target.query<R>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/** Opens (creating when needed) an embedded PGlite ledger database. */
export async function openPgliteDatabase(options: PgliteOptions = {}): Promise<Database> {
  const inMemory = options.dataDir === undefined || options.dataDir === 'memory';
  if (!inMemory && options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : options.dataDir, { parsers });
  const self = wrap(pglite);
  return {
    engine: 'pglite',
    query: self.query,
    exec: self.exec,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
}
