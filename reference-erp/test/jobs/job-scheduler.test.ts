import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixedClock } from '../../src/clock.js';
import { HttpInnsynPublisher } from '../../src/innsyn/http-innsyn-publisher.js';
import { type JobSchedulerEvent, startJobScheduler } from '../../src/jobs/job-scheduler.js';
import { innsynRecordOf, queueInnsynUpdate } from '../../src/ledger/innsyn-outbox.js';
import { readInvoice } from '../../src/ledger/invoice.js';
import { lifecycleLedger, noonOf } from './support/lifecycle-ledger.js';

test('serve’s background work: on start-up it sweeps, runs the jobs and publishes what was released', async () => {
  const received: { key: string; record: { fakturanummer: string; korrigert: boolean } }[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ key: String(req.headers['idempotency-key']), record: JSON.parse(body) });
    res.writeHead(201).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/innsyn/api/v1/faktura`;
  const ledger = await lifecycleLedger({ config: { innsyn: { targetUrl: url, pollIntervalMs: 50 } } });
  const now = noonOf('2026-04-03' as never);
  // A decision committed and answered two minutes ago, whose process died before the release.
  const foresporselId = randomUUID();
  const invoice = (await readInvoice(ledger.db, '2026-0001'))!;
  await ledger.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO decisions (foresporsel_id, request_type, reply_type, reply_payload, decided_at)
       VALUES ($1, 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett',
         'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat', '{}', $2)`,
      [foresporselId, new Date(now.getTime() - 120_000)],
    );
    await queueInnsynUpdate(tx, innsynRecordOf(invoice, { korrigert: true }), now, foresporselId);
  });
  const events: JobSchedulerEvent[] = [];
  const errors: Error[] = [];
  const scheduler = startJobScheduler({
    db: ledger.db,
    config: ledger.config,
    clock: fixedClock(now),
    publisher: new HttpInnsynPublisher({ url }),
    onEvent: (event) => events.push(event),
    onError: (error) => errors.push(error),
  });
  try {
    const deadline = Date.now() + 10_000;
    const expected = ['2026-0001', '2026-0010-02', '2026-0010-03'];
    const arrived = () => expected.every((n) => received.some((r) => r.record.fakturanummer === n));
    while (!arrived() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      scheduler.publishSoon();
    }
    assert.equal(errors, []);
    const swept = received.find((r) => r.record.fakturanummer === '2026-0001');
    assert.ok(swept, 'the swept update was published');
    assert.is(swept!.record.korrigert, true);
    const jobs = events.find((e) => e.kind === 'jobs');
    assert.ok(
      jobs && jobs.kind === 'jobs' && jobs.summary.plans.plansCancelled === 1,
      'the jobs ran at start-up',
    );
    const cancelled = received.filter((r) => r.record.fakturanummer.startsWith('2026-0010-'));
    assert.is(cancelled.length, 2, "the cancelled plan's accelerated instalments were published");
    assert.is(new Set(received.map((r) => r.key)).size, received.length, 'each record once');
  } finally {
    await scheduler.close();
    await ledger.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test.run();
