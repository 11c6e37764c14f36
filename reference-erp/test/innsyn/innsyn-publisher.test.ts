import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Clock } from '../../src/clock.js';
import { resolveErpConfig } from '../../src/config/load-erp-config.js';
import { HttpInnsynPublisher } from '../../src/innsyn/http-innsyn-publisher.js';
import { publishInnsynUpdates, retryDelayMs } from '../../src/innsyn/publish-innsyn-updates.js';
import {
  type InnsynFakturaRecord,
  innsynRecordOf,
  queueInnsynUpdate,
} from '../../src/ledger/innsyn-outbox.js';
import { readInvoice } from '../../src/ledger/invoice.js';
import type { Database } from '../../src/store/database.js';
import { lifecycleLedger } from '../jobs/support/lifecycle-ledger.js';
import { postgresTestDatabase } from '../support/test-databases.js';

const RULES = { retryInitialMs: 1000, retryMaxMs: 8000, requestTimeoutMs: 2000 };

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-03-04T11:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

interface Received {
  key: string;
  record: InnsynFakturaRecord;
}

/**
 * A local Innsyn receiver: answers each request by `behaviour` (status, or 'drop' to accept it and
 * then cut the connection before answering), and keeps each idempotency key once, as a receiver
 * that recognises retries does.
 */
async function receiver(behaviour: (n: number) => number | 'drop') {
  const requests: Received[] = [];
  const accepted = new Map<string, InnsynFakturaRecord>();
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const key = String(req.headers['idempotency-key']);
    const record = JSON.parse(body) as InnsynFakturaRecord;
    requests.push({ key, record });
    const action = behaviour(requests.length);
    if (action === 'drop' || (action >= 200 && action < 300)) {
      if (!accepted.has(key)) accepted.set(key, record);
    }
    if (action === 'drop') {
      res.socket?.destroy();
      return;
    }
    res.writeHead(action, { 'Content-Type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/innsyn/api/v1/faktura`;
  return { server, url, requests, accepted, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function queueReleased(db: Database, invoiceNumbers: string[]): Promise<void> {
  for (const number of invoiceNumbers) {
    const invoice = (await readInvoice(db, number))!;
    await db.transaction((tx) => queueInnsynUpdate(tx, innsynRecordOf(invoice), new Date(), null));
  }
}

async function unpublished(db: Database): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::bigint AS n FROM innsyn_outbox WHERE released_at IS NOT NULL AND published_at IS NULL',
  );
  return Number(rows[0]!.n);
}

test('backoff doubles from the first delay up to the cap', () => {
  assert.equal(
    [1, 2, 3, 4, 5, 50].map((n) => retryDelayMs(n, RULES)),
    [1000, 2000, 4000, 8000, 8000, 8000],
  );
  assert.equal(resolveErpConfig().innsyn.targetUrl, null, 'no target unless configured');
});

async function retriedUntilAccepted(db?: Database): Promise<void> {
  const ledger = await lifecycleLedger(db === undefined ? {} : { db });
  const target = await receiver((n) => (n <= 2 ? 500 : 201));
  try {
    const clock = manualClock();
    const publisher = new HttpInnsynPublisher({ url: target.url, timeoutMs: 2000 });
    await queueReleased(ledger.db, ['2026-0001']);
    const errors: string[] = [];
    const options = {
      clock,
      rules: RULES,
      onError: (e: Error) => errors.push((e as { code?: string }).code!),
    };

    assert.equal(await publishInnsynUpdates(ledger.db, publisher, options), { published: 0, failed: 1 });
    assert.equal(
      await publishInnsynUpdates(ledger.db, publisher, options),
      { published: 0, failed: 0 },
      'not before its backoff',
    );
    clock.advance(1000);
    assert.equal(await publishInnsynUpdates(ledger.db, publisher, options), { published: 0, failed: 1 });
    clock.advance(1999);
    assert.equal(await publishInnsynUpdates(ledger.db, publisher, options), { published: 0, failed: 0 });
    clock.advance(1);
    assert.equal(await publishInnsynUpdates(ledger.db, publisher, options), { published: 1, failed: 0 });
    assert.equal(errors, ['INNSYN_PUBLISH_FAILED', 'INNSYN_PUBLISH_FAILED']);
    assert.is(target.requests.length, 3);
    assert.is(new Set(target.requests.map((r) => r.key)).size, 1, 'one idempotency key on every attempt');
    assert.is(target.requests[2]!.record.fakturanummer, '2026-0001');

    clock.advance(60_000);
    assert.equal(await publishInnsynUpdates(ledger.db, publisher, options), { published: 0, failed: 0 });
    assert.is(target.requests.length, 3, 'never sent again once accepted');
    assert.is(await unpublished(ledger.db), 0);
  } finally {
    await target.close();
    await ledger.close();
  }
}

test('publisher: retried on HTTP 500 with backoff until accepted, then never again', async () => {
  await retriedUntilAccepted();
});

test('publisher: a refused connection is retried; a lost answer is retried with the same key', async () => {
  const ledger = await lifecycleLedger();
  const target = await receiver((n) => (n === 1 ? 'drop' : 200));
  const port = new URL(target.url).port;
  await target.close();
  try {
    const clock = manualClock();
    const publisher = new HttpInnsynPublisher({ url: target.url, timeoutMs: 2000 });
    await queueReleased(ledger.db, ['2026-0001', '2026-0002']);
    const failures: string[] = [];
    const options = { clock, rules: RULES, onError: (e: Error) => failures.push(e.message) };
    assert.equal(await publishInnsynUpdates(ledger.db, publisher, options), { published: 0, failed: 2 });
    assert.match(failures[0]!, /could not be reached \(ECONNREFUSED\)/);

    await new Promise<void>((resolve) => target.server.listen(Number(port), '127.0.0.1', resolve));
    clock.advance(1000);
    const pass = await publishInnsynUpdates(ledger.db, publisher, options);
    assert.equal(pass, { published: 1, failed: 1 }, 'the first answer is lost, the second accepted');
    clock.advance(2000);
    assert.equal(await publishInnsynUpdates(ledger.db, publisher, options), { published: 1, failed: 0 });
    const keys = target.requests.map((r) => r.key);
    assert.is(keys.length, 3);
    assert.is(keys[2], keys[0], 'the retry after a lost answer carries the same key');
    assert.is(target.accepted.size, 2, 'the receiver holds each record once');
    assert.is(await unpublished(ledger.db), 0);
  } finally {
    await target.close();
    await ledger.close();
  }
});

test('publisher: an invoice’s updates go out in order; an older failing one holds back the newer', async () => {
  const ledger = await lifecycleLedger();
  const target = await receiver((n) => (n === 1 ? 503 : 200));
  try {
    const clock = manualClock();
    const publisher = new HttpInnsynPublisher({ url: target.url });
    const invoice = (await readInvoice(ledger.db, '2026-0001'))!;
    await ledger.db.transaction(async (tx) => {
      await queueInnsynUpdate(tx, innsynRecordOf(invoice), new Date(), null);
      await queueInnsynUpdate(
        tx,
        innsynRecordOf({ ...invoice, restOere: 0, status: 'BETALT' }),
        new Date(),
        null,
      );
    });
    assert.equal(await publishInnsynUpdates(ledger.db, publisher, { clock, rules: RULES }), {
      published: 0,
      failed: 1,
    });
    clock.advance(1000);
    await publishInnsynUpdates(ledger.db, publisher, { clock, rules: RULES });
    assert.equal(
      target.requests.map((r) => r.record.status),
      ['IKKE_BETALT', 'IKKE_BETALT', 'BETALT'],
    );
  } finally {
    await target.close();
    await ledger.close();
  }
});

test('publisher: an update not yet released (its answer not sent) is not published', async () => {
  const ledger = await lifecycleLedger();
  const target = await receiver(() => 200);
  try {
    const invoice = (await readInvoice(ledger.db, '2026-0001'))!;
    await ledger.db.transaction((tx) =>
      queueInnsynUpdate(tx, innsynRecordOf(invoice), new Date(), '6f1c1c8e-6c1f-4a55-9a51-1b0c0f3a9d11'),
    );
    const publisher = new HttpInnsynPublisher({ url: target.url });
    assert.equal(await publishInnsynUpdates(ledger.db, publisher, { clock: manualClock(), rules: RULES }), {
      published: 0,
      failed: 0,
    });
    assert.is(target.requests.length, 0);
  } finally {
    await target.close();
    await ledger.close();
  }
});

const postgres = await postgresTestDatabase('Innsyn publisher on PostgreSQL', 1);
(postgres ? test : test.skip)('PostgreSQL: retried until accepted, then never again', async () => {
  await retriedUntilAccepted(postgres!.db);
  await postgres!.db.query('UPDATE innsyn_outbox SET published_at = now() WHERE published_at IS NULL');
});

(postgres ? test : test.skip)('PostgreSQL: two publishers at once send every record once', async () => {
  const target = await receiver(() => 200);
  try {
    const db = postgres!.db;
    const numbers = (
      await db.query<{ n: string }>('SELECT invoice_number AS n FROM invoices ORDER BY 1')
    ).map((r) => r.n);
    await queueReleased(db, numbers);
    const publisher = new HttpInnsynPublisher({ url: target.url });
    const options = { clock: manualClock(), rules: RULES };
    const [a, b] = await Promise.all([
      publishInnsynUpdates(db, publisher, options),
      publishInnsynUpdates(postgres!.others[0]!, publisher, options),
    ]);
    assert.is(a.published + b.published, numbers.length);
    assert.is(target.requests.length, numbers.length, 'no record sent twice');
    assert.is(new Set(target.requests.map((r) => r.key)).size, numbers.length);
    assert.is(await unpublished(db), 0);
  } finally {
    await target.close();
    await postgres!.dispose();
  }
});

test.run();
