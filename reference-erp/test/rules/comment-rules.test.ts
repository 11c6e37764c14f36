import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readInvoice } from '../../src/ledger/invoice.js';
import { seededErp } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { ask, outcomeOf, type PayerId } from '../support/requests.js';

// Today is Wednesday 2026-03-04: five banking days later is Wednesday 2026-03-11.
const ctx = await seededErp();
const { erp, db } = ctx;

function comment(payer: PayerId, invoice: string, kategori = 'SPOERSMAAL') {
  return ask(erp, MESSAGE_TYPE.commentRequest, payer, invoice, {
    kategori,
    tekst: 'Hvorfor er beløpet høyere enn i fjor?',
  });
}

const routing: [string, PayerId, string, string][] = [
  ['SFO invoice → the SFO unit', 'P03', '2026-0023', 'sfo'],
  ['municipal fees → kommunale avgifter', 'P01', '2026-0001', 'kommunale-avgifter'],
  ['property tax → kommunale avgifter', 'P04', '2026-0011', 'kommunale-avgifter'],
  ['kindergarten → barnehage', 'P01', '2026-0002', 'barnehage'],
  ['BYGGESAK has no routing entry → the fallback unit', 'P04', '2026-0024', 'fakturaservice'],
  ['a co-owner on the joint property fee', 'P06', '2026-0015', 'kommunale-avgifter'],
];

for (const [name, payer, invoice, unit] of routing) {
  test(`comment routing: ${name}`, async () => {
    const reply = await comment(payer, invoice);
    assert.is(reply.meldingType, MESSAGE_TYPE.commentReceipt);
    assert.is((reply.payload['rutetTil'] as { enhetId: string }).enhetId, unit);
    assert.is(reply.payload['forventetSvarInnen'], '2026-03-11');
  });
}

test('comment: someone else’s invoice → ikkefunnet, nothing stored', async () => {
  const reply = await comment('P10', '2026-0001');
  assert.is(outcomeOf(reply), 'ikkefunnet');
  const rows = await db.query("SELECT 1 FROM comments WHERE payer_id = 'P10'");
  assert.is(rows.length, 0);
});

test('comment: a question does not dispute the invoice', async () => {
  await comment('P01', '2026-0022', 'SPOERSMAAL');
  const invoice = (await readInvoice(db, '2026-0022'))!;
  assert.is(invoice.disputed, false);
  assert.is(invoice.remindersPaused, false);
});

for (const kategori of ['KLAGE', 'FEIL_I_FAKTURA']) {
  test(`comment: ${kategori} marks the invoice disputed and pauses reminders`, async () => {
    const invoice = kategori === 'KLAGE' ? '2026-0013' : '2026-0025';
    const reply = await comment('P02', invoice, kategori);
    const stored = (await readInvoice(db, invoice))!;
    assert.is(stored.disputed, true);
    assert.is(stored.remindersPaused, true);
    const disputes = await db.query('SELECT henvendelse_id AS id FROM disputes WHERE invoice_number = $1', [
      invoice,
    ]);
    assert.equal(disputes, [{ id: reply.payload['henvendelseId'] }]);
  });
}

test('comment: the 10th comment a day is received, the 11th refused as ugyldigforespoersel', async () => {
  for (let i = 1; i <= 10; i++) {
    const reply = await comment('P05', '2026-0016');
    assert.is(reply.meldingType, MESSAGE_TYPE.commentReceipt, `comment ${i}`);
  }
  const eleventh = await comment('P05', '2026-0016');
  assert.is(outcomeOf(eleventh), 'ugyldigforespoersel');
  assert.match(eleventh.payload['feilmelding'] as string, /10 henvendelser i dag/);
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::bigint AS n FROM comments WHERE payer_id = 'P05'",
  );
  assert.is(rows[0]?.n, 10);
});

test.after(() => ctx.close());
test.run();
