import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import type { Database } from './database.js';

/** One SQL migration file, `NNN-name.sql`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_NAME = /^([0-9]{3})-([a-z0-9-]+)\.sql$/;
/** Arbitrary constant identifying the migrator's advisory lock. */
const MIGRATION_LOCK_KEY = 4_601_2026;

/** The migrations shipped with the reference ERP, in version order. */
export function bundledMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) {
        throw new ReferenceErpError(
          'MIGRATION_NAME_INVALID',
          `Migration file '${file}' must be named NNN-name.sql.`,
        );
      }
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(`${dir}/${file}`, 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new ReferenceErpError(
        'MIGRATION_SEQUENCE_INVALID',
        `Migration versions must run 1, 2, 3, … without gaps; found ${migration.version} at position ${index + 1}.`,
      );
    }
  });
  return migrations;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, in one transaction
 * holding an advisory lock, so two instances starting at once against one PostgreSQL neither
 * apply a migration twice nor see a half-migrated schema. Returns the versions applied now.
 */
export async function migrate(
  db: Database,
  migrations: Migration[] = bundledMigrations(),
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const now: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      now.push(migration.version);
    }
    return now;
  });
}
