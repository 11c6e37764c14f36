import { randomUUID } from 'node:crypto';
import type { CalendarDate } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixedClock } from '../../src/clock.js';
import { resolveErpConfig } from '../../src/config/load-erp-config.js';
import { ReferenceErp } from '../../src/erp/reference-erp.js';
import { assertValidReply, noonOf, schemaCatalog, seededErp, TODAY } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { outcomeOf, PAYER } from '../support/requests.js';

const ctx = await seededErp();
const { erp, db } = ctx;

function deferral(foresporselId: string, fakturanummer: string, oensketForfallsdato = '2026-04-01') {
  return {
    foresporselId,
    innbygger: PAYER.P01,
    faktura: { fakturanummer },
    oensketForfallsdato,
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  };
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return ((await db.query<{ n: number }>(sql, params))[0]?.n ?? 0) as number;
}

test('the same foresporselId twice: the identical answer, one booking, one decision, one audit entry', async () => {
  const id = randomUUID();
  const first = await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(id, '2026-0001'));
  const second = await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(id, '2026-0001'));
  assert.is(outcomeOf(first), 'INNVILGET');
  assert.is(JSON.stringify(second), JSON.stringify(first));
  assert.is(await count('SELECT count(*)::bigint AS n FROM deferrals WHERE foresporsel_id = $1', [id]), 1);
  assert.is(await count('SELECT count(*)::bigint AS n FROM decisions WHERE foresporsel_id = $1', [id]), 1);
  assert.is(await count('SELECT count(*)::bigint AS n FROM audit_log WHERE foresporsel_id = $1', [id]), 1);
  assert.is(
    await count('SELECT count(*)::bigint AS n FROM innsyn_outbox WHERE foresporsel_id = $1', [id]),
    1,
  );
});

test('a repeat returns the stored answer even when the ledger changed since (no re-decision)', async () => {
  const id = randomUUID();
  const first = await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(id, '2026-0022'));
  assert.is(outcomeOf(first), 'INNVILGET');
  // A different request now gets ALLEREDE_UTSATT, but the repeat still gets its grant back.
  assert.is(
    outcomeOf(await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(randomUUID(), '2026-0022'))),
    'ALLEREDE_UTSATT',
  );
  assert.equal(await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(id, '2026-0022')), first);
});

test('ikkefunnet and invalid requests are kept too: a repeat gets the same errorId', async () => {
  const id = randomUUID();
  const a = await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(id, '2099-0001'));
  const b = await erp.handle(MESSAGE_TYPE.deferralRequest, deferral(id, '2099-0001'));
  assert.is(outcomeOf(a), 'ikkefunnet');
  assert.equal(b, a);
  // A payload that fails its schema has no trustworthy foresporselId: its answer is kept per Fiks
  // IO message, and correlationId follows the SDK responder (klientKorrelasjonsId, else meldingId).
  const meldingId = randomUUID();
  const bad = { ...deferral(randomUUID(), '2026-0002'), oensketForfallsdato: '1. april' };
  const c = await erp.handle(MESSAGE_TYPE.deferralRequest, bad, { meldingId });
  assertValidReply(c);
  assert.is(outcomeOf(c), 'ugyldigforespoersel');
  assert.ok((c.payload['detaljer'] as { felt: string }[]).some((d) => d.felt === '/oensketForfallsdato'));
  assert.is(c.payload['correlationId'], meldingId);
  assert.equal(await erp.handle(MESSAGE_TYPE.deferralRequest, bad, { meldingId }), c);
  const correlated = await erp.handle(MESSAGE_TYPE.deferralRequest, bad, {
    meldingId: randomUUID(),
    klientKorrelasjonsId: 'portal-korrelasjon-1',
  });
  assert.is(correlated.payload['correlationId'], 'portal-korrelasjon-1');
});

test('a redelivered message (same meldingId) gets the same answer', async () => {
  const meldingId = randomUUID();
  const first = await erp.handle(
    MESSAGE_TYPE.commentRequest,
    {
      foresporselId: randomUUID(),
      innbygger: PAYER.P01,
      faktura: { fakturanummer: '2026-0002' },
      kategori: 'ANNET',
      tekst: 'Hei',
      sendtTidspunkt: '2026-03-04T10:00:00+01:00',
    },
    { meldingId },
  );
  const again = await erp.handle(MESSAGE_TYPE.commentRequest, { not: 'readable' }, { meldingId });
  assert.equal(again, first);
});

test('Innsyn updates wait for markAnswerSent', async () => {
  const id = randomUUID();
  const before = (await erp.pendingInnsynUpdates()).length;
  const reply = await erp.handle(MESSAGE_TYPE.deferralRequest, {
    ...deferral(id, '2026-0013', '2026-03-20'),
    innbygger: PAYER.P02,
  });
  assert.is(outcomeOf(reply), 'INNVILGET');
  assert.is((await erp.pendingInnsynUpdates()).length, before);
  assert.is(await erp.markAnswerSent(id), 1);
  const pending = await erp.pendingInnsynUpdates();
  const record = pending.at(-1)!.record;
  assert.equal(record, {
    fakturanummer: '2026-0013',
    status: 'IKKE_BETALT',
    forfallsdato: '2026-03-20',
    beloep: 1800,
    kid: '4601202600137',
    kontonummer: '12345678903',
    korrigert: true,
    kanBetales: true,
  });
  await erp.markInnsynPublished(pending.map((e) => e.outboxId));
  assert.equal(await erp.pendingInnsynUpdates(), []);
  assert.is(await erp.markAnswerSent(id), 0);
});

test('a failure answers serverfeil and stores nothing, so a retry can succeed', async () => {
  const broken = await ReferenceErp.open({
    db,
    config: resolveErpConfig({ comments: { fallbackUnit: 'finnes-ikke' } }),
    clock: fixedClock(noonOf(TODAY as CalendarDate)),
    catalog: schemaCatalog,
  });
  const id = randomUUID();
  const payload = {
    foresporselId: id,
    innbygger: PAYER.P04,
    faktura: { fakturanummer: '2026-0024' },
    kategori: 'SPOERSMAAL',
    tekst: 'Hei',
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  };
  const reply = await broken.handle(MESSAGE_TYPE.commentRequest, payload);
  assertValidReply(reply);
  assert.is(outcomeOf(reply), 'serverfeil');
  assert.is(await count('SELECT count(*)::bigint AS n FROM decisions WHERE foresporsel_id = $1', [id]), 0);
  assert.is(
    (await erp.handle(MESSAGE_TYPE.commentRequest, payload)).meldingType,
    MESSAGE_TYPE.commentReceipt,
  );
});

test('an unsupported message type is a programming error, not an answer', async () => {
  try {
    await erp.handle('no.ks.fiks.faktura.avdrag.v1.opprett.resultat', {});
    assert.unreachable();
  } catch (error) {
    assert.is((error as { code?: string }).code, 'MESSAGE_TYPE_UNSUPPORTED');
  }
});

test('payments: a full payment marks the invoice paid and Innsyn hears at once', async () => {
  const open = await erp.findOpenItems(PAYER.P03);
  assert.ok(open.some((i) => i.invoiceNumber === '2026-0023'));
  const partial = await erp.postPayment({ kid: '4601202600236', beloepOere: 10_000, dato: TODAY });
  assert.equal(partial, { fakturanummer: '2026-0023', restbeloepOere: 300_000, status: 'FAKTURERT' });
  const paid = await erp.postPayment({ kid: '4601202600236', beloepOere: 300_000, dato: TODAY });
  assert.equal(paid, { fakturanummer: '2026-0023', restbeloepOere: 0, status: 'BETALT' });
  assert.not.ok((await erp.findOpenItems(PAYER.P03)).some((i) => i.invoiceNumber === '2026-0023'));
  const last = (await erp.pendingInnsynUpdates()).at(-1)!.record;
  assert.equal([last.fakturanummer, last.status, last.kanBetales], ['2026-0023', 'BETALT', false]);
  try {
    await erp.postPayment({ kid: '12345678903', beloepOere: 100, dato: TODAY });
    assert.unreachable();
  } catch (error) {
    assert.is((error as { code?: string }).code, 'KID_UNKNOWN');
  }
});

test('open items: co-owners both see the joint property fee; a replaced invoice is not open', async () => {
  for (const payer of [PAYER.P06, PAYER.P07]) {
    assert.ok((await erp.findOpenItems(payer)).some((i) => i.invoiceNumber === '2026-0015'));
  }
  const p04 = (await erp.findOpenItems(PAYER.P04)).map((i) => i.invoiceNumber);
  assert.not.ok(p04.includes('2026-0010'));
  assert.ok(p04.includes('2026-0010-01'));
  assert.equal(await erp.findOpenItems(PAYER.P10), []);
});

test.after(() => ctx.close());
test.run();
