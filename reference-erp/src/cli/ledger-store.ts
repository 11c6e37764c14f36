import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import type { Database } from '../store/database.js';
import { openPgliteDatabase } from '../store/pglite-database.js';
import { openPostgresDatabase } from '../store/postgres-database.js';

/** The default data directory, under the working directory. */
export const DEFAULT_DATA_DIR = '.reference-erp';

/** An opened ledger database and where it lives. */
export interface LedgerStore {
  db: Database;
  /** `pglite` (embedded, in the data directory) or `postgresql` (`DATABASE_URL`). */
  store: Database['engine'];
  /** The data directory (PGlite), or null for PostgreSQL. */
  data: string | null;
  /** Closes the database and gives up the data directory. */
  close(): Promise<void>;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory for this process: an embedded database has one user at a time. A lock
 * left by a process that is gone is taken over.
 */
function lockDataDir(dir: string): () => void {
  const path = join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && pidAlive(holder)) {
        throw new ReferenceErpError(
          'STORE_IN_USE',
          `The data directory '${dir}' is in use by process ${holder} (an embedded database has one user at a time): stop it first, or set DATABASE_URL to share a PostgreSQL.`,
          { details: { data: dir, pid: holder } },
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new ReferenceErpError('STORE_IN_USE', `Could not take the data directory '${dir}'.`);
}

/** `DATABASE_URL_INVALID` unless `url` is a postgres:// URL (the URL itself is not repeated: it may hold a password). */
function requirePostgresUrl(url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:')
    throw new ReferenceErpError(
      'DATABASE_URL_INVALID',
      `DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/db${protocol === undefined ? '' : `, not a ${protocol} URL`}; unset it to use the embedded ledger.`,
    );
}

/**
 * Opens the ledger: PostgreSQL when `databaseUrl` is given (the `DATABASE_URL` variable),
 * otherwise PGlite in `<dataDir>/pgdata` (default {@link DEFAULT_DATA_DIR}), created when missing.
 */
export async function openLedgerStore(
  options: { dataDir?: string; databaseUrl?: string } = {},
): Promise<LedgerStore> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    requirePostgresUrl(options.databaseUrl);
    const db = await openPostgresDatabase({ connectionString: options.databaseUrl });
    try {
      await db.query('SELECT 1');
    } catch (cause) {
      await db.close().catch(() => undefined);
      throw new ReferenceErpError(
        'STORE_UNREACHABLE',
        `PostgreSQL at DATABASE_URL cannot be reached (${(cause as Error).message}); check that it runs and the URL is right.`,
      );
    }
    return { db, store: 'postgresql', data: null, close: () => db.close() };
  }
  const dir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  try {
    const db = await openPgliteDatabase({ dataDir: join(dir, 'pgdata') });
    return {
      db,
      store: 'pglite',
      data: dir,
      async close() {
        try {
          await db.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
