import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sweepAnsweredDecisions } from '../../src/jobs/answered-decision-sweep.js';
import { innsynRecordOf, pendingInnsynUpdates, queueInnsynUpdate } from '../../src/ledger/innsyn-outbox.js';
import { readInvoice } from '../../src/ledger/invoice.js';
import type { Database } from '../../src/store/database.js';
import { postgresTestDatabase } from '../support/test-databases.js';
import { lifecycleLedger } from './support/lifecycle-ledger.js';

const NOW = new Date('2026-03-04T11:00:00Z');
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000);

/** A committed decision with one pending Innsyn update, as `handle` leaves it before the send. */
async function decided(db: Database, decidedAt: Date, answerSentAt: Date | null = null): Promise<string> {
  const foresporselId = randomUUID();
  const invoice = (await readInvoice(db, '2026-0001'))!;
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO decisions (foresporsel_id, request_type, reply_type, reply_payload, decided_at, answer_sent_at)
       VALUES ($1, 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett',
         'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat', '{}', $2, $3)`,
      [foresporselId, decidedAt, answerSentAt],
    );
    await queueInnsynUpdate(tx, innsynRecordOf(invoice, { korrigert: true }), decidedAt, foresporselId);
  });
  return foresporselId;
}

async function released(db: Database): Promise<(string | null)[]> {
  return (await pendingInnsynUpdates(db, 1000)).map((u) => u.foresporselId);
}

async function sweepScenario(db?: Database): Promise<void> {
  const ledger = await lifecycleLedger(db === undefined ? {} : { db });
  try {
    const before = await released(ledger.db);
    const orphan = await decided(ledger.db, secondsAgo(61));
    const inFlight = await decided(ledger.db, secondsAgo(5));
    const sent = await decided(ledger.db, secondsAgo(600), secondsAgo(599));
    await ledger.db.query('UPDATE innsyn_outbox SET released_at = $2 WHERE foresporsel_id = $1', [
      sent,
      secondsAgo(599),
    ]);

    const swept = await sweepAnsweredDecisions(ledger.db, NOW, 60);
    assert.equal(swept, { decisionsReleased: 1, innsynReleased: 1 });
    const after = await released(ledger.db);
    assert.ok(after.includes(orphan), 'the decision killed between send and release is released');
    assert.not.ok(after.includes(inFlight), 'an answer within the grace period may still be sent');
    assert.is(after.length, before.length + 2);
    const marks = await ledger.db.query<{ sweptAt: Date | null; answerSentAt: Date | null }>(
      'SELECT swept_at AS "sweptAt", answer_sent_at AS "answerSentAt" FROM decisions WHERE foresporsel_id = $1',
      [orphan],
    );
    assert.ok(marks[0]!.sweptAt, 'marked swept');
    assert.is(marks[0]!.answerSentAt, null, 'not claimed to be sent');
    const audit = await ledger.db.query(
      "SELECT outcome FROM audit_log WHERE action = 'jobb:frigi-innsyn' AND foresporsel_id = $1",
      [orphan],
    );
    assert.is(audit.length, 1);

    assert.equal(await sweepAnsweredDecisions(ledger.db, NOW, 60), {
      decisionsReleased: 0,
      innsynReleased: 0,
    });
    const later = await sweepAnsweredDecisions(ledger.db, new Date(NOW.getTime() + 60_000), 60);
    assert.equal(later, { decisionsReleased: 1, innsynReleased: 1 }, 'the other one, once its grace is over');
  } finally {
    await ledger.close();
  }
}

test('sweep: an answered decision never marked sent is released after the grace period, once', async () => {
  await sweepScenario();
});

const postgres = await postgresTestDatabase('answered-decision sweep on PostgreSQL');
(postgres ? test : test.skip)('PostgreSQL: the same sweep', async () => {
  try {
    await sweepScenario(postgres!.db);
  } finally {
    await postgres!.dispose();
  }
});

test.run();
