import { createHash, randomUUID } from 'node:crypto';
import type { RequestType } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seededErp } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { PAYER } from '../support/requests.js';
import { servicePlatform } from './support/service-platform.js';

// The rules that need the Fiks IO message itself: the attachments in the ASiC-E (kommentar rule 5)
// and the correlationId of error replies (the SDK responder's rule).
const ctx = await seededErp();
const { erp, db } = ctx;
const p = await servicePlatform();
await p.startService(erp);

function comment(fakturanummer: string, vedlegg: { filnavn: string; mimeType: string }[]) {
  return {
    foresporselId: randomUUID(),
    innbygger: PAYER.P01,
    faktura: { fakturanummer },
    kategori: 'FEIL_I_FAKTURA',
    tekst: 'Se vedlegg.',
    vedlegg,
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  };
}

test('a comment with its attachment in the ASiC-E gets a receipt, and the file is stored as it came', async () => {
  const pdf = Buffer.from('%PDF-1.7 kvittering fra banken');
  const payload = comment('2026-0001', [{ filnavn: 'kvittering.pdf', mimeType: 'application/pdf' }]);
  const answer = await p.requester.request(MESSAGE_TYPE.commentRequest as RequestType, payload as never, {
    to: p.erpKontoId,
    deadlineMs: 5000,
    attachments: [{ name: 'kvittering.pdf', data: pdf, mimeType: 'application/pdf' }],
  });
  assert.is(answer.meldingType, MESSAGE_TYPE.commentReceipt, JSON.stringify(answer.payload));
  const rows = await db.query<{ sha256: string; content: Uint8Array }>(
    `SELECT a.sha256, a.content FROM comment_attachments a JOIN comments c USING (henvendelse_id)
     WHERE c.foresporsel_id = $1`,
    [payload.foresporselId],
  );
  assert.is(rows.length, 1);
  assert.is(rows[0]!.sha256, createHash('sha256').update(pdf).digest('hex'));
  assert.equal(Buffer.from(rows[0]!.content), pdf);
});

test('a vedlegg the ASiC-E lacks: ugyldigforespoersel naming /vedlegg/0/filnavn, correlationId by the responder’s rule', async () => {
  const payload = comment('2026-0002', [{ filnavn: 'mangler.pdf', mimeType: 'application/pdf' }]);
  const answer = await p.requester.request(MESSAGE_TYPE.commentRequest as RequestType, payload as never, {
    to: p.erpKontoId,
    deadlineMs: 5000,
    klientKorrelasjonsId: 'portal-sak-17',
  });
  assert.is(answer.meldingType, 'no.ks.fiks.faktura.kommentar.v1.feilmelding.ugyldigforespoersel');
  const body = answer.payload as { correlationId?: string; detaljer?: { felt: string }[] };
  assert.equal(
    body.detaljer?.map((d) => d.felt),
    ['/vedlegg/0/filnavn'],
  );
  assert.is(body.correlationId, 'portal-sak-17');
});

test('an ikkefunnet without klientKorrelasjonsId carries the request’s meldingId as correlationId', async () => {
  const payload = comment('2099-0001', []);
  delete (payload as { vedlegg?: unknown }).vedlegg;
  const answer = await p.requester.request(MESSAGE_TYPE.commentRequest as RequestType, payload as never, {
    to: p.erpKontoId,
    deadlineMs: 5000,
  });
  assert.is(answer.meldingType, 'no.ks.fiks.faktura.kommentar.v1.feilmelding.ikkefunnet');
  assert.is((answer.payload as { correlationId?: string }).correlationId, answer.svarPaMelding);
});

test('a clash over Fiks IO: the second citizen gets ugyldigforespoersel, the first citizen’s Innsyn stays unreleased by it', async () => {
  const id = randomUUID();
  const first = await p.requester.request(
    MESSAGE_TYPE.deferralRequest as RequestType,
    {
      foresporselId: id,
      innbygger: PAYER.P02,
      faktura: { fakturanummer: '2026-0013' },
      oensketForfallsdato: '2026-03-20',
      sendtTidspunkt: '2026-03-04T10:00:00+01:00',
    } as never,
    { to: p.erpKontoId, deadlineMs: 5000 },
  );
  assert.is((first.payload as { utfall?: string }).utfall, 'INNVILGET');
  const other = await p.requester.request(
    MESSAGE_TYPE.deferralRequest as RequestType,
    {
      foresporselId: id,
      innbygger: PAYER.P03,
      faktura: { fakturanummer: '2026-0014' },
      oensketForfallsdato: '2026-03-20',
      sendtTidspunkt: '2026-03-04T10:00:00+01:00',
    } as never,
    { to: p.erpKontoId, deadlineMs: 5000 },
  );
  assert.is(other.meldingType, 'no.ks.fiks.faktura.betalingsutsettelse.v1.feilmelding.ugyldigforespoersel');
  assert.not.ok(JSON.stringify(other.payload).includes('4601202600137'));
  const clashEvent = await p.waitForEvent((e) => e.replyMeldingId === other.meldingId);
  assert.is(clashEvent.innsynReleased, undefined);
});

/** Refuses the first answer the ERP sends, so the request is requeued and redelivered. */
async function withFirstAnswerRefused<T>(run: () => Promise<T>): Promise<T> {
  let refused = 0;
  p.platform.beforeSend = (request) => {
    if (request.svarPaMelding === undefined || refused > 0) return;
    refused += 1;
    throw new Error('Fiks IO unavailable');
  };
  try {
    return await run();
  } finally {
    p.platform.beforeSend = undefined;
  }
}

test('a redelivered schema-invalid request gets the identical answer (same errorId), logged as a resend', async () => {
  const payload = { ...comment('2026-0001', []), tekst: '' };
  delete (payload as { vedlegg?: unknown }).vedlegg;
  const answer = await withFirstAnswerRefused(() =>
    p.requester.request(MESSAGE_TYPE.commentRequest as RequestType, payload as never, {
      to: p.erpKontoId,
      deadlineMs: 5000,
      validate: false,
    }),
  );
  assert.is(answer.meldingType, 'no.ks.fiks.faktura.kommentar.v1.feilmelding.ugyldigforespoersel');
  const kept = await db.query<{ payload: string }>(
    'SELECT reply_payload AS payload FROM message_answers WHERE melding_id = $1',
    [answer.svarPaMelding],
  );
  assert.is(JSON.parse(kept[0]!.payload).errorId, (answer.payload as { errorId: string }).errorId);
  const event = await p.waitForEvent((e) => e.replyMeldingId === answer.meldingId);
  assert.is(event.outcome, 'replayed');
  assert.is(event.resend, true);
});

test('a redelivered decided request gets its stored answer, logged as a resend, and releases Innsyn', async () => {
  const payload = comment('2026-0022', []);
  delete (payload as { vedlegg?: unknown }).vedlegg;
  const answer = await withFirstAnswerRefused(() =>
    p.requester.request(MESSAGE_TYPE.commentRequest as RequestType, payload as never, {
      to: p.erpKontoId,
      deadlineMs: 5000,
    }),
  );
  assert.is(answer.meldingType, MESSAGE_TYPE.commentReceipt);
  const event = await p.waitForEvent(
    (e) => e.replyMeldingId === answer.meldingId && e.innsynReleased !== undefined,
  );
  assert.is(event.resend, true);
  assert.is(event.foresporselId, payload.foresporselId);
});

test.after(async () => {
  await p.close();
  await ctx.close();
});
test.run();
