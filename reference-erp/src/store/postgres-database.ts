import pg from 'pg';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import { type Database, PG_TYPE, parseInt8, type Queryable, type Row } from './database.js';

/** How to reach PostgreSQL. */
export interface PostgresOptions {
  /** A `postgres://` URL, for example the `DATABASE_URL` environment variable. */
  connectionString: string;
  /** A schema to create (when missing) and put first on the search path; default `public`. */
  schema?: string;
  /** Maximum pool size; default 10. */
  maxConnections?: number;
}

const types = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (oid === PG_TYPE.INT8) return parseInt8;
    if (oid === PG_TYPE.DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await client.query<R>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

/** Connects a pool to PostgreSQL (`pg`), optionally inside its own schema. */
export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new ReferenceErpError('INVALID_SCHEMA_NAME', `Schema name '${schema}' must match ${SCHEMA_NAME}.`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema},public` }),
  });
  if (schema !== undefined) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const self = wrap(pool);
  return {
    engine: 'postgresql',
    query: self.query,
    exec: self.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
