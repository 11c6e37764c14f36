// The responder dies after the decision was committed and before the answer was sent; a fresh
// service on the same store and queue gets the redelivered request and sends the stored answer.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestType } from '@fiks-faktura/sdk';
import { attachWebSocketBridge } from '@fiks-faktura/sdk/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { POSTGRES_URL, POSTGRESQL, serviceAvailable } from '../../../scripts/test-support/services.js';
import { openLedgerStore } from '../../src/cli/ledger-store.js';
import { norwegianDateOf } from '../../src/clock.js';
import { ReferenceErp } from '../../src/erp/reference-erp.js';
import { readFixtureLedger } from '../../src/seed/fixture-ledger.js';
import { seedFromFixtures } from '../../src/seed/seed-from-fixtures.js';
import type { Database } from '../../src/store/database.js';
import { openPostgresDatabase } from '../../src/store/postgres-database.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { partyKeys, servicePlatform } from './support/service-platform.js';

const CHILD = fileURLToPath(new URL('./support/crash-child.ts', import.meta.url));

/** Where the ledger lives for one run: what the child is told, and how the parent opens it. */
interface StoreUnderTest {
  env: Record<string, string>;
  open(): Promise<{ db: Database; close(): Promise<void> }>;
  dispose(): Promise<void>;
}

function pgliteStore(): StoreUnderTest {
  const dir = mkdtempSync(join(tmpdir(), 'erp-crash-'));
  return {
    env: { DATA_DIR: dir },
    open: () => openLedgerStore({ dataDir: dir }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresStore(): StoreUnderTest {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const open = async () => {
    const db = await openPostgresDatabase({ connectionString: POSTGRES_URL, schema });
    return { db, close: () => db.close() };
  };
  return {
    env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema },
    open,
    async dispose() {
      const { db, close } = await open();
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await close();
    },
  };
}

/** Starts the crash-prone service in a child process; resolves once it consumes, with its exit. */
async function startDoomedService(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    void exited.then((how) => reject(new Error(`the child exited (${how}) before it was ready: ${stderr}`)));
  });
  return { exited, kill: () => child.kill('SIGKILL') };
}

async function count(db: Database, table: string, foresporselId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::bigint AS n FROM ${table} WHERE foresporsel_id = $1`,
    [foresporselId],
  );
  return Number(rows[0]?.n ?? 0);
}

async function crashAndRecover(store: StoreUnderTest): Promise<void> {
  const { portal, erp: erpKeys } = await partyKeys();
  const p = await servicePlatform();
  const bridge = await attachWebSocketBridge({ port: 0 }, p.platform.broker, {
    authenticate: async () => ({ kontoId: p.erpKontoId }),
  });
  const seeding = await store.open();
  await ReferenceErp.open({ db: seeding.db });
  await seedFromFixtures(seeding.db, readFixtureLedger(), { today: norwegianDateOf(new Date()) });
  await seeding.close();

  const doomed = await startDoomedService({
    ...store.env,
    BRIDGE_URL: bridge.url!,
    KONTO_ID: p.erpKontoId,
    ERP_KEY: erpKeys.privateKeyPem,
    ERP_CERT: erpKeys.certificatePem,
    PORTAL_CERT: portal.certificatePem,
  });
  let recovered: { db: Database; close(): Promise<void> } | undefined;
  try {
    const payload = {
      foresporselId: randomUUID(),
      innbygger: { foedselsnummer: '24917211988' },
      faktura: { fakturanummer: '2026-0023' },
      kategori: 'KLAGE',
      tekst: 'Barnet sluttet i SFO 1. februar, men vi er fakturert for hele februar.',
      sendtTidspunkt: new Date().toISOString(),
    };
    const answer = p.requester.request(MESSAGE_TYPE.commentRequest as RequestType, payload as never, {
      to: p.erpKontoId,
      deadlineMs: 30_000,
    });
    assert.is(await doomed.exited, 'SIGKILL', 'the service died while sending its answer');
    const request = p.platform.sent[0]!;
    assert.is(p.platform.sent.length, 1, 'no answer left the dead service');

    recovered = await store.open();
    assert.is(await count(recovered.db, 'decisions', payload.foresporselId), 1, 'the decision was committed');
    const erp = await ReferenceErp.open({ db: recovered.db });
    await p.startService(erp);
    const reply = await answer;
    assert.is(reply.meldingType, MESSAGE_TYPE.commentReceipt);
    assert.is(reply.svarPaMelding, request.meldingId, 'the redelivered request was answered');
    assert.equal(
      await erp.handle(MESSAGE_TYPE.commentRequest, payload),
      { meldingType: reply.meldingType, payload: reply.payload },
      'the answer sent is the decision committed before the crash',
    );
    assert.is(await count(recovered.db, 'decisions', payload.foresporselId), 1);
    assert.is(await count(recovered.db, 'audit_log', payload.foresporselId), 1, 'decided once');
    await p.waitForEvent((e) => e.foresporselId === payload.foresporselId && e.innsynReleased !== undefined);
    assert.equal(p.errors, []);
  } finally {
    doomed.kill();
    await p.close();
    await bridge.close();
    await recovered?.close();
    await store.dispose();
  }
}

test('PGlite: killed after commit, before the answer; the redelivered request gets the committed answer', async () => {
  await crashAndRecover(pgliteStore());
});

const postgres = await serviceAvailable(POSTGRESQL, 'crash recovery on PostgreSQL');
(postgres ? test : test.skip)(
  'PostgreSQL: killed after commit, before the answer; the redelivered request gets the committed answer',
  async () => {
    await crashAndRecover(postgresStore());
  },
);

test.run();
