import { createHash, randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RequestAttachment } from '../../src/rules/request-checks.js';
import { assertValidReply, seededErp } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { outcomeOf, PAYER } from '../support/requests.js';

// Kommentar rule 5: every vedlegg[].filnavn names a file in the same ASiC-E (other than
// payload.json), each at most once; the attachments are stored with the comment.
const ctx = await seededErp();
const { erp, db } = ctx;

function file(name: string, text: string, mimeType = 'application/pdf'): RequestAttachment {
  const content = Buffer.from(text);
  return {
    name,
    mimeType,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
  };
}

function comment(vedlegg: { filnavn: string; mimeType: string }[], attachments: RequestAttachment[]) {
  const foresporselId = randomUUID();
  return {
    foresporselId,
    reply: erp.handle(
      MESSAGE_TYPE.commentRequest,
      {
        foresporselId,
        innbygger: PAYER.P01,
        faktura: { fakturanummer: '2026-0001' },
        kategori: 'FEIL_I_FAKTURA',
        tekst: 'Se vedlagt kvittering.',
        vedlegg,
        sendtTidspunkt: '2026-03-04T10:00:00+01:00',
      },
      { attachments },
    ),
  };
}

function felter(reply: { payload: Record<string, unknown> }): string[] {
  return ((reply.payload['detaljer'] as { felt: string }[] | undefined) ?? []).map((d) => d.felt);
}

test('a vedlegg the ASiC-E does not hold → ugyldigforespoersel naming /vedlegg/<i>/filnavn, nothing booked', async () => {
  const { foresporselId, reply } = comment(
    [
      { filnavn: 'kvittering.pdf', mimeType: 'application/pdf' },
      { filnavn: 'mangler.pdf', mimeType: 'application/pdf' },
    ],
    [file('kvittering.pdf', 'pdf')],
  );
  const answer = await reply;
  assertValidReply(answer);
  assert.is(outcomeOf(answer), 'ugyldigforespoersel');
  assert.equal(felter(answer), ['/vedlegg/1/filnavn']);
  assert.is((await db.query('SELECT 1 FROM comments WHERE foresporsel_id = $1', [foresporselId])).length, 0);
});

test('a file listed twice, or payload.json listed → ugyldigforespoersel', async () => {
  const twice = await comment(
    [
      { filnavn: 'a.pdf', mimeType: 'application/pdf' },
      { filnavn: 'a.pdf', mimeType: 'application/pdf' },
    ],
    [file('a.pdf', 'a')],
  ).reply;
  assert.is(outcomeOf(twice), 'ugyldigforespoersel');
  assert.equal(felter(twice), ['/vedlegg/1/filnavn']);
  const payloadFile = await comment([{ filnavn: 'payload.json', mimeType: 'application/json' }], []).reply;
  assert.is(outcomeOf(payloadFile), 'ugyldigforespoersel');
  assert.equal(felter(payloadFile), ['/vedlegg/0/filnavn']);
});

test('an unknown invoice with a missing attachment is ugyldigforespoersel, not ikkefunnet (checked first)', async () => {
  const reply = await erp.handle(
    MESSAGE_TYPE.commentRequest,
    {
      foresporselId: randomUUID(),
      innbygger: PAYER.P10,
      faktura: { fakturanummer: '2099-0001' },
      kategori: 'ANNET',
      tekst: 'Hei',
      vedlegg: [{ filnavn: 'x.png', mimeType: 'image/png' }],
      sendtTidspunkt: '2026-03-04T10:00:00+01:00',
    },
    { attachments: [] },
  );
  assert.is(outcomeOf(reply), 'ugyldigforespoersel');
});

test('present attachments: a receipt, and each listed file stored with name, MIME type, size, SHA-256 and content', async () => {
  const files = [file('kvittering.pdf', '%PDF-1.7 kvittering'), file('bilde.png', 'PNG-bytes', 'image/png')];
  const { foresporselId, reply } = comment(
    [
      { filnavn: 'kvittering.pdf', mimeType: 'application/pdf' },
      { filnavn: 'bilde.png', mimeType: 'image/png' },
    ],
    files,
  );
  const answer = await reply;
  assert.is(answer.meldingType, MESSAGE_TYPE.commentReceipt, JSON.stringify(answer.payload));
  const rows = await db.query<{
    file_name: string;
    mime_type: string;
    size_bytes: number;
    sha256: string;
    content: Uint8Array;
  }>(
    `SELECT a.file_name, a.mime_type, a.size_bytes, a.sha256, a.content
     FROM comment_attachments a JOIN comments c USING (henvendelse_id)
     WHERE c.foresporsel_id = $1 ORDER BY a.position`,
    [foresporselId],
  );
  assert.equal(
    rows.map((r) => [
      r.file_name,
      r.mime_type,
      Number(r.size_bytes),
      r.sha256,
      Buffer.from(r.content).toString(),
    ]),
    files.map((f) => [f.name, f.mimeType, f.size, f.sha256, f.content.toString()]),
  );
});

test('the same comment with other attachment content under the same foresporselId is a clash', async () => {
  const foresporselId = randomUUID();
  const payload = {
    foresporselId,
    innbygger: PAYER.P01,
    faktura: { fakturanummer: '2026-0002' },
    kategori: 'SPOERSMAAL',
    tekst: 'Vedlegg',
    vedlegg: [{ filnavn: 'a.pdf', mimeType: 'application/pdf' }],
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  };
  const first = await erp.handle(MESSAGE_TYPE.commentRequest, payload, {
    attachments: [file('a.pdf', 'én')],
  });
  assert.is(first.meldingType, MESSAGE_TYPE.commentReceipt);
  const same = await erp.handle(MESSAGE_TYPE.commentRequest, payload, { attachments: [file('a.pdf', 'én')] });
  assert.equal(same, first);
  const other = await erp.handle(MESSAGE_TYPE.commentRequest, payload, {
    attachments: [file('a.pdf', 'to')],
  });
  assert.is(outcomeOf(other), 'ugyldigforespoersel');
});

test.after(() => ctx.close());
test.run();
