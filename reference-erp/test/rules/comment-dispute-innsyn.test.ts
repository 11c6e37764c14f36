import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seededErp } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { PAYER } from '../support/requests.js';

// kommentar rule 7: KLAGE and FEIL_I_FAKTURA mark the invoice disputed and pause reminders;
// Innsyn is updated (the invoice marked omtvistet) only after the receipt has been sent.
const ctx = await seededErp();
const { erp } = ctx;

async function send(kategori: string, fakturanummer: string) {
  const foresporselId = randomUUID();
  const reply = await erp.handle(MESSAGE_TYPE.commentRequest, {
    foresporselId,
    innbygger: PAYER.P01,
    faktura: { fakturanummer },
    kategori,
    tekst: 'Beløpet er feil.',
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  });
  assert.is(reply.meldingType, MESSAGE_TYPE.commentReceipt);
  return foresporselId;
}

test('a KLAGE: Innsyn gets the invoice marked omtvistet, released only once the receipt was sent', async () => {
  const id = await send('KLAGE', '2026-0001');
  assert.not.ok((await erp.pendingInnsynUpdates(1000)).some((u) => u.foresporselId === id));
  assert.is(await erp.markAnswerSent(id), 1);
  const update = (await erp.pendingInnsynUpdates(1000)).find((u) => u.foresporselId === id);
  assert.is(update?.record.fakturanummer, '2026-0001');
  assert.is(update?.record.omtvistet, true);
  assert.is(update?.record.kanBetales, true);
});

test('a question (SPOERSMAAL) changes nothing in Innsyn', async () => {
  const id = await send('SPOERSMAAL', '2026-0002');
  assert.is(await erp.markAnswerSent(id), 0);
});

test.after(() => ctx.close());
test.run();
