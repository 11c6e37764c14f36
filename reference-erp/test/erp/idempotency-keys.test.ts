import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertValidReply, seededErp } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { outcomeOf, PAYER } from '../support/requests.js';

// A foresporselId only ever returns its own citizen's answer to the same request: the same id
// from another citizen, for another request type or with other content is a clash.
const ctx = await seededErp();
const { erp, db } = ctx;

function deferral(
  foresporselId: string,
  innbygger: object,
  fakturanummer: string,
  oensketForfallsdato: string,
) {
  return {
    foresporselId,
    innbygger,
    faktura: { fakturanummer },
    oensketForfallsdato,
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  };
}

/** Asserts a clash answer: ugyldigforespoersel about the foresporselId, nothing of the first request. */
function assertClash(reply: { meldingType: string; payload: Record<string, unknown> }, first: object): void {
  assertValidReply(reply);
  assert.is(outcomeOf(reply), 'ugyldigforespoersel', JSON.stringify(reply.payload));
  assert.match(String(reply.payload['feilmelding']), /foresporselId er allerede brukt/);
  assert.equal(
    (reply.payload['detaljer'] as { felt: string }[]).map((d) => d.felt),
    ['/foresporselId'],
  );
  const text = JSON.stringify(reply.payload);
  for (const value of ['4601202600012', '12345678903', '2026-0001', 'INNVILGET', '345678']) {
    if (JSON.stringify(first).includes(value)) assert.not.ok(text.includes(value), `leaks ${value}`);
  }
}

test("another citizen's request with a used foresporselId gets a clash, never the first answer", async () => {
  const id = randomUUID();
  const first = await erp.handle(
    MESSAGE_TYPE.deferralRequest,
    deferral(id, PAYER.P01, '2026-0001', '2026-04-01'),
  );
  assert.is(outcomeOf(first), 'INNVILGET');
  const other = await erp.handle(
    MESSAGE_TYPE.deferralRequest,
    deferral(id, PAYER.P10, '2026-0001', '2026-04-01'),
  );
  assertClash(other, first);
  // The first citizen still gets their own answer back.
  assert.equal(
    await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(id, PAYER.P01, '2026-0001', '2026-04-01')),
    first,
  );
});

test('the same foresporselId for another request type is a clash answered in the new request’s protocol', async () => {
  const id = randomUUID();
  const first = await erp.handle(
    MESSAGE_TYPE.deferralRequest,
    deferral(id, PAYER.P01, '2026-0022', '2026-04-01'),
  );
  assert.is(outcomeOf(first), 'INNVILGET');
  const comment = await erp.handle(MESSAGE_TYPE.commentRequest, {
    foresporselId: id,
    innbygger: PAYER.P01,
    faktura: { fakturanummer: '2026-0022' },
    kategori: 'SPOERSMAAL',
    tekst: 'Hei',
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  });
  assert.is(comment.meldingType, 'no.ks.fiks.faktura.kommentar.v1.feilmelding.ugyldigforespoersel');
  assertClash(comment, first);
  const comments = await db.query('SELECT 1 FROM comments WHERE foresporsel_id = $1', [id]);
  assert.is(comments.length, 0);
});

test('the same foresporselId with other content from the same citizen is a clash', async () => {
  const id = randomUUID();
  const first = await erp.handle(
    MESSAGE_TYPE.deferralRequest,
    deferral(id, PAYER.P06, '2026-0015', '2026-04-01'),
  );
  assert.is(outcomeOf(first), 'INNVILGET');
  const changed = await erp.handle(
    MESSAGE_TYPE.deferralRequest,
    deferral(id, PAYER.P06, '2026-0015', '2026-04-02'),
  );
  assertClash(changed, first);
});

test('the same request again, with a new sendtTidspunkt and keys in another order, gets the identical answer', async () => {
  const id = randomUUID();
  const first = await erp.handle(MESSAGE_TYPE.commentRequest, {
    foresporselId: id,
    innbygger: PAYER.P03,
    faktura: { fakturanummer: '2026-0023' },
    kategori: 'SPOERSMAAL',
    tekst: 'Når kommer neste faktura?',
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  });
  const again = await erp.handle(MESSAGE_TYPE.commentRequest, {
    sendtTidspunkt: '2026-03-04T10:00:09+01:00',
    tekst: 'Når kommer neste faktura?',
    kategori: 'SPOERSMAAL',
    faktura: { fakturanummer: '2026-0023' },
    innbygger: PAYER.P03,
    foresporselId: id,
  });
  assert.is(first.meldingType, MESSAGE_TYPE.commentReceipt);
  assert.is(JSON.stringify(again), JSON.stringify(first));
  const comments = await db.query('SELECT 1 FROM comments WHERE foresporsel_id = $1', [id]);
  assert.is(comments.length, 1);
});

test('a clash is audited and books nothing; the stored decision keeps no fødselsnummer in clear', async () => {
  const id = randomUUID();
  await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(id, PAYER.P02, '2026-0013', '2026-03-20'));
  await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(id, PAYER.P03, '2026-0014', '2026-03-20'));
  const audit = await db.query<{ outcome: string }>(
    'SELECT outcome FROM audit_log WHERE foresporsel_id = $1 ORDER BY audit_id',
    [id],
  );
  assert.equal(
    audit.map((a) => a.outcome),
    ['INNVILGET', 'UGYLDIG:FORESPOERSELID_I_BRUK'],
  );
  const deferred = await db.query('SELECT 1 FROM deferrals WHERE invoice_number = $1', ['2026-0014']);
  assert.is(deferred.length, 0);
  const row = await db.query<{ requester: string }>(
    'SELECT requester_key AS requester FROM decisions WHERE foresporsel_id = $1',
    [id],
  );
  assert.match(row[0]!.requester, /^[0-9a-f]{64}$/);
});

test('rule 2: a klientMeldingId other than the foresporselId is ugyldigforespoersel, and the id stays free', async () => {
  const id = randomUUID();
  const payload = deferral(id, PAYER.P11, '2026-0006', '2026-04-01');
  const wrong = await erp.handle(MESSAGE_TYPE.deferralRequest, payload, {
    meldingId: randomUUID(),
    klientMeldingId: randomUUID(),
  });
  assertValidReply(wrong);
  assert.is(outcomeOf(wrong), 'ugyldigforespoersel');
  assert.equal(
    (wrong.payload['detaljer'] as { felt: string }[]).map((d) => d.felt),
    ['/foresporselId'],
  );
  const right = await erp.handle(MESSAGE_TYPE.deferralRequest, payload, {
    meldingId: randomUUID(),
    klientMeldingId: id,
  });
  // Decided on its merits now (P11's invoice is overdue), under the id the refusal left free.
  assert.is(outcomeOf(right), 'FAKTURA_FORFALT', JSON.stringify(right.payload));
});

test.after(() => ctx.close());
test.run();
