import { randomBytes } from 'node:crypto';
import { POSTGRES_URL, POSTGRESQL, serviceAvailable } from '../../../scripts/test-support/services.js';
import type { Database } from '../../src/store/database.js';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';
import { openPostgresDatabase } from '../../src/store/postgres-database.js';

/** A database for one test run, and how to throw it away. */
export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

/** A fresh in-memory PGlite database. */
export async function pgliteTestDatabase(): Promise<TestDatabase> {
  const db = await openPgliteDatabase();
  return { db, dispose: () => db.close() };
}

/**
 * A fresh schema `test_<random>` on the test PostgreSQL, dropped by `dispose`; null (after a SKIP
 * line) when PostgreSQL is not reachable. `extraPools` opens more pools on the same schema, for
 * tests that race two connections.
 */
export async function postgresTestDatabase(
  suite: string,
  extraPools = 0,
): Promise<(TestDatabase & { others: Database[] }) | null> {
  if (!(await serviceAvailable(POSTGRESQL, suite))) return null;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const db = await openPostgresDatabase({ connectionString: POSTGRES_URL, schema });
  const others: Database[] = [];
  for (let i = 0; i < extraPools; i++) {
    others.push(await openPostgresDatabase({ connectionString: POSTGRES_URL, schema }));
  }
  return {
    db,
    others,
    async dispose() {
      for (const other of others) await other.close();
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}
