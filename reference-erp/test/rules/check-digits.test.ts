import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertValidReply, seededErp } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { outcomeOf, PAYER } from '../support/requests.js';

// Rule 1 of every protocol README: identifiers with wrong check digits are answered
// ugyldigforespoersel, naming the field, before the ledger is asked (so never ikkefunnet).
const ctx = await seededErp();
const { erp, db } = ctx;

const FIELDS: Record<string, Record<string, unknown>> = {
  [MESSAGE_TYPE.deferralRequest]: { oensketForfallsdato: '2026-04-01' },
  [MESSAGE_TYPE.instalmentRequest]: { antallAvdrag: 3, intervall: 'MAANEDLIG' },
  [MESSAGE_TYPE.commentRequest]: { kategori: 'SPOERSMAAL', tekst: 'Hei' },
};

function request(type: string, innbygger: Record<string, string>, faktura: Record<string, string>) {
  return erp.handle(type, {
    foresporselId: randomUUID(),
    innbygger,
    faktura,
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
    ...FIELDS[type],
  });
}

function felter(reply: { payload: Record<string, unknown> }): string[] {
  return ((reply.payload['detaljer'] as { felt: string }[] | undefined) ?? []).map((d) => d.felt);
}

// P01 is 15838541280: the last digit changed breaks the second MOD11 check digit.
const cases: [string, Record<string, string>, Record<string, string>, string][] = [
  [
    'a fødselsnummer failing MOD11',
    { foedselsnummer: '15838541281' },
    { fakturanummer: '2026-0001' },
    '/innbygger/foedselsnummer',
  ],
  [
    'a D-nummer failing MOD11',
    { foedselsnummer: '58859526313' },
    { fakturanummer: '2026-0012' },
    '/innbygger/foedselsnummer',
  ],
  [
    'an organisasjonsnummer failing MOD11',
    { organisasjonsnummer: '315202605' },
    { fakturanummer: '2026-0011' },
    '/innbygger/organisasjonsnummer',
  ],
  ['a KID failing MOD10', PAYER.P01, { fakturanummer: '2026-0001', kid: '4601202600013' }, '/faktura/kid'],
];

for (const type of [
  MESSAGE_TYPE.deferralRequest,
  MESSAGE_TYPE.instalmentRequest,
  MESSAGE_TYPE.commentRequest,
]) {
  for (const [name, innbygger, faktura, felt] of cases) {
    test(`${type.split('.')[4]}: ${name} → ugyldigforespoersel naming ${felt}`, async () => {
      const reply = await request(type, innbygger, faktura);
      assertValidReply(reply);
      assert.is(outcomeOf(reply), 'ugyldigforespoersel', JSON.stringify(reply.payload));
      assert.equal(felter(reply), [felt]);
    });
  }
}

test('an unknown invoice with a broken fødselsnummer is ugyldigforespoersel, not ikkefunnet', async () => {
  const reply = await request(
    MESSAGE_TYPE.deferralRequest,
    { foedselsnummer: '15838541281' },
    { fakturanummer: '2099-9999' },
  );
  assert.is(outcomeOf(reply), 'ugyldigforespoersel');
});

test('a kontonummer anywhere in the request is checked (MOD11)', async () => {
  const reply = await erp.handle(MESSAGE_TYPE.commentRequest, {
    foresporselId: randomUUID(),
    innbygger: PAYER.P01,
    faktura: { fakturanummer: '2026-0001' },
    kategori: 'ENDRE_KONTAKTINFO',
    tekst: 'Nytt kontonummer for tilbakebetaling',
    tilbakebetaling: { kontonummer: '12345678904' },
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  });
  assert.is(outcomeOf(reply), 'ugyldigforespoersel');
  assert.equal(felter(reply), ['/tilbakebetaling/kontonummer']);
});

test('valid synthetic fødselsnummer, D-nummer, organisasjonsnummer and KID pass', async () => {
  const ok = [
    await request(MESSAGE_TYPE.commentRequest, PAYER.P01, {
      fakturanummer: '2026-0001',
      kid: '4601202600012',
    }),
    await request(MESSAGE_TYPE.commentRequest, PAYER.P05, { fakturanummer: '2026-0012' }),
    await request(MESSAGE_TYPE.commentRequest, PAYER.P04, { fakturanummer: '2026-0011' }),
  ];
  for (const reply of ok) assert.is(reply.meldingType, MESSAGE_TYPE.commentReceipt);
});

test('a refused request books nothing and its answer is stored under its foresporselId', async () => {
  const foresporselId = randomUUID();
  const payload = {
    foresporselId,
    innbygger: { foedselsnummer: '15838541281' },
    faktura: { fakturanummer: '2026-0002' },
    kategori: 'KLAGE',
    tekst: 'Feil beløp',
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
  };
  const first = await erp.handle(MESSAGE_TYPE.commentRequest, payload);
  assert.equal(await erp.handle(MESSAGE_TYPE.commentRequest, payload), first);
  const comments = await db.query('SELECT 1 FROM comments WHERE foresporsel_id = $1', [foresporselId]);
  assert.is(comments.length, 0);
});

test.after(() => ctx.close());
test.run();
