import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bundledMigrations, migrate } from '../../src/store/migrate.js';
import { pgliteTestDatabase, postgresTestDatabase } from '../support/test-databases.js';

const latest = bundledMigrations().length;

test('bundled migrations run 1..n in order', () => {
  assert.ok(latest >= 1);
  assert.equal(
    bundledMigrations().map((m) => m.version),
    Array.from({ length: latest }, (_, i) => i + 1),
  );
});

test('PGlite: migrate applies every migration once, then nothing', async () => {
  const { db, dispose } = await pgliteTestDatabase();
  try {
    assert.equal((await migrate(db)).length, latest);
    assert.equal(await migrate(db), []);
    const rows = await db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM schema_migrations');
    assert.equal(rows[0]?.n, latest);
  } finally {
    await dispose();
  }
});

test('PGlite: BIGINT comes back as a number and DATE as YYYY-MM-DD', async () => {
  const { db, dispose } = await pgliteTestDatabase();
  try {
    const rows = await db.query("SELECT 9007199254740991::bigint AS big, DATE '2026-05-17' AS day");
    assert.equal(rows[0], { big: 9007199254740991, day: '2026-05-17' });
  } finally {
    await dispose();
  }
});

test('PGlite: a throwing transaction rolls back', async () => {
  const { db, dispose } = await pgliteTestDatabase();
  try {
    await db.exec('CREATE TABLE t (x INTEGER)');
    await db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1)', [1]);
        throw new Error('boom');
      })
      .catch(() => undefined);
    assert.equal(await db.query('SELECT * FROM t'), []);
  } finally {
    await dispose();
  }
});

test('PostgreSQL: same types, and two instances migrating at once apply each migration once', async () => {
  const pgdb = await postgresTestDatabase('reference-erp store (PostgreSQL)', 1);
  if (!pgdb) return;
  try {
    const rows = await pgdb.db.query("SELECT 9007199254740991::bigint AS big, DATE '2026-05-17' AS day");
    assert.equal(rows[0], { big: 9007199254740991, day: '2026-05-17' });
    const [a, b] = await Promise.all([migrate(pgdb.db), migrate(pgdb.others[0]!)]);
    assert.equal(
      [...a!, ...b!].sort(),
      Array.from({ length: latest }, (_, i) => i + 1),
    );
    const count = await pgdb.db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM schema_migrations');
    assert.equal(count[0]?.n, latest);
  } finally {
    await pgdb.dispose();
  }
});

test.run();
