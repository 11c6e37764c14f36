import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FiksIoClient } from '../../src/client/fiks-io-client.js';
import type { FiksError } from '../../src/errors/fiks-error.js';
import { MemoryIdempotencyStore } from '../../src/protocol/idempotency-store.js';
import { ProtocolRequester } from '../../src/protocol/protocol-requester.js';
import { ProtocolResponder } from '../../src/protocol/protocol-responder.js';
import { InProcessFiksIo } from '../support/in-process-fiks-io.js';
import { catalog, erpKeys, example, OPPRETT, portalKeys, RESULTAT } from './betalingsutsettelse-fixtures.js';

const UGYLDIG = 'no.ks.fiks.faktura.betalingsutsettelse.v1.feilmelding.ugyldigforespoersel';
const SERVERFEIL = 'no.ks.fiks.faktura.betalingsutsettelse.v1.feilmelding.serverfeil';

interface Parties {
  platform: InProcessFiksIo;
  requester: ProtocolRequester;
  responder: ProtocolResponder;
  erpKontoId: string;
  portal: FiksIoClient;
  errors: Error[];
  close(): Promise<void>;
}

async function parties(options: { idempotency?: boolean; requester?: boolean } = {}): Promise<Parties> {
  const platform = new InProcessFiksIo();
  const portalKontoId = randomUUID();
  const erpKontoId = randomUUID();
  platform.addAccount(portalKontoId, portalKeys.certificate);
  platform.addAccount(erpKontoId, erpKeys.certificate);
  const client = (kontoId: string, keys: typeof portalKeys) =>
    new FiksIoClient({
      connection: platform.connection(kontoId),
      signer: { certificate: keys.certificate, privateKey: keys.privateKey },
      privateKeys: [keys.privateKey],
    });
  const portal = client(portalKontoId, portalKeys);
  const erp = client(erpKontoId, erpKeys);
  const errors: Error[] = [];
  const requester = new ProtocolRequester(portal, catalog);
  const responder = new ProtocolResponder(erp, catalog, {
    ...(options.idempotency ? { idempotency: new MemoryIdempotencyStore() } : {}),
    onError: (error) => errors.push(error),
  });
  if (options.requester !== false) await requester.start();
  return {
    platform,
    requester,
    responder,
    erpKontoId,
    portal,
    errors,
    close: async () => {
      await Promise.all([portal.close({ graceMs: 1000 }), erp.close({ graceMs: 1000 })]);
    },
  };
}

const request = () => ({ ...example(OPPRETT, 'person-alle-felter.json'), foresporselId: randomUUID() });
const granted = (foresporselId: string) => ({
  ...example(RESULTAT, 'innvilget-flyttet-til-virkedag.json'),
  foresporselId,
});

test('a request resolves to the typed, validated answer its handler gave', async () => {
  const p = await parties();
  let seen: unknown;
  p.responder.handle(OPPRETT, async ({ payload }) => {
    seen = payload;
    return { meldingType: RESULTAT, payload: granted(payload.foresporselId) };
  });
  await p.responder.start();
  const sent = request();
  const answer = await p.requester.request(OPPRETT, sent, { to: p.erpKontoId, deadlineMs: 5000 });
  assert.is(answer.meldingType, RESULTAT);
  assert.equal(seen, sent);
  assert.equal(answer.payload, granted(sent.foresporselId));
  assert.is(answer.svarPaMelding, p.platform.sent[0]!.meldingId);
  assert.ok(answer.elapsedMs > 0 && answer.elapsedMs < 5000);
  // The request's klientMeldingId is its foresporselId, as the protocols require.
  assert.is(p.platform.sent[0]!.klientMeldingId, sent.foresporselId);
  await p.close();
});

test('a schema-invalid request gets ugyldigforespoersel with the validator findings and never reaches the handler', async () => {
  const p = await parties();
  let called = false;
  p.responder.handle(OPPRETT, async () => {
    called = true;
    throw new Error('must not run');
  });
  await p.responder.start();
  const { foresporselId: _dropped, ...withoutId } = request();
  const answer = await p.requester.request(OPPRETT, withoutId as never, {
    to: p.erpKontoId,
    deadlineMs: 5000,
    validate: false,
  });
  assert.is(answer.meldingType, UGYLDIG);
  const detaljer = (answer.payload as { detaljer?: { felt: string }[] }).detaljer ?? [];
  assert.ok(
    detaljer.some((d) => d.felt === '/foresporselId'),
    JSON.stringify(detaljer),
  );
  assert.not.ok(called);
  await p.close();
});

test('a handler that throws yields serverfeil without its internals', async () => {
  const p = await parties();
  p.responder.handle(OPPRETT, async () => {
    throw new Error('connection string postgres://secret@db');
  });
  await p.responder.start();
  const answer = await p.requester.request(OPPRETT, request(), { to: p.erpKontoId, deadlineMs: 5000 });
  assert.is(answer.meldingType, SERVERFEIL);
  assert.not.match(JSON.stringify(answer.payload), 'secret');
  assert.is(p.errors.length, 1);
  assert.is((p.errors[0] as Error).message, 'connection string postgres://secret@db');
  await p.close();
});

test('a handler answering a type its catalogue does not allow, or an invalid payload, yields serverfeil', async () => {
  const p = await parties();
  let calls = 0;
  p.responder.handle(OPPRETT, async ({ payload }) => {
    calls += 1;
    if (calls === 1)
      return { meldingType: 'no.ks.fiks.faktura.avdrag.v1.opprett.resultat', payload } as never;
    return {
      meldingType: RESULTAT,
      payload: { foresporselId: payload.foresporselId, utfall: 'INNVILGET' },
    } as never;
  });
  await p.responder.start();
  for (const code of ['REPLY_TYPE_NOT_ALLOWED', 'SCHEMA_INVALID']) {
    const answer = await p.requester.request(OPPRETT, request(), { to: p.erpKontoId, deadlineMs: 5000 });
    assert.is(answer.meldingType, SERVERFEIL);
    assert.is((p.errors.at(-1) as FiksError).code, code);
  }
  await p.close();
});

test('no answer within the deadline rejects with DEADLINE_EXCEEDED', async () => {
  const p = await parties();
  const started = Date.now();
  try {
    await p.requester.request(OPPRETT, request(), { to: p.erpKontoId, deadlineMs: 300 });
    assert.unreachable('should have timed out');
  } catch (error) {
    assert.is((error as FiksError).code, 'DEADLINE_EXCEEDED');
    assert.ok(Date.now() - started < 2000);
  }
  await p.close();
});

test('a message that cannot be opened is answered with ugyldigforespoersel, then acked', async () => {
  const p = await parties({ requester: false });
  p.responder.handle(OPPRETT, async () => {
    throw new Error('must not run');
  });
  await p.responder.start();
  const answers: { type: string; payload: unknown }[] = [];
  await p.portal.subscribe(async (message) => {
    const contents = await message.openPayload();
    answers.push({ type: message.meldingType, payload: JSON.parse(contents.files[0]!.data!.toString()) });
    await message.ack();
  });
  await p.portal.send({ mottakerKontoId: p.erpKontoId, meldingType: OPPRETT });
  // A payload that is not a CMS envelope at all:
  const raw = p.platform.connection(p.portal.kontoId);
  await raw.send({
    mottakerKontoId: p.erpKontoId,
    meldingType: OPPRETT,
    payload: Buffer.from('not an envelope'),
  });
  for (let i = 0; i < 100 && answers.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  assert.is(answers.length, 2, JSON.stringify({ answers, errors: p.errors.map((e) => e.message) }));
  for (const answer of answers) {
    assert.is(answer.type, UGYLDIG);
    assert.match(
      (answer.payload as { feilmelding: string }).feilmelding,
      /PAYLOAD_ABSENT|ENVELOPE_MALFORMED/,
    );
  }
  const queue = p.platform.broker.stats(`fiksio.konto.${p.erpKontoId}`);
  assert.is(queue.unacked + queue.ready, 0);
  await p.close();
});

test('a repeated request gets the identical answer and its handler runs once', async () => {
  const p = await parties({ idempotency: true });
  let calls = 0;
  p.responder.handle(OPPRETT, async ({ payload }) => {
    calls += 1;
    return {
      meldingType: RESULTAT,
      payload: { ...granted(payload.foresporselId), meldingTilInnbygger: `svar ${calls}` },
    };
  });
  await p.responder.start();
  const sent = request();
  const first = await p.requester.request(OPPRETT, sent, { to: p.erpKontoId, deadlineMs: 5000 });
  const second = await p.requester.request(OPPRETT, sent, { to: p.erpKontoId, deadlineMs: 5000 });
  assert.equal(second.payload, first.payload);
  assert.is(calls, 1);
  await p.close();
});

test('a message is acked only after its answer was accepted: a failed reply send requeues it', async () => {
  const p = await parties({ idempotency: true });
  let calls = 0;
  p.responder.handle(OPPRETT, async ({ payload }) => {
    calls += 1;
    return { meldingType: RESULTAT, payload: granted(payload.foresporselId) };
  });
  await p.responder.start();
  let failures = 1;
  p.platform.beforeSend = (r) => {
    if (r.meldingType === RESULTAT && failures-- > 0) throw new Error('Fiks IO unavailable');
  };
  const answer = await p.requester.request(OPPRETT, request(), { to: p.erpKontoId, deadlineMs: 5000 });
  assert.is(answer.meldingType, RESULTAT);
  assert.is(calls, 1, 'the redelivered request replays the stored answer');
  const replies = p.platform.sent.filter((s) => s.meldingType === RESULTAT);
  assert.is(replies.length, 1);
  await p.close();
});

test('replies copy klientKorrelasjonsId in both spellings and swap the accounts', async () => {
  const p = await parties();
  p.responder.handle(OPPRETT, async ({ payload }) => ({
    meldingType: RESULTAT,
    payload: granted(payload.foresporselId),
  }));
  await p.responder.start();
  await p.requester.request(OPPRETT, request(), {
    to: p.erpKontoId,
    deadlineMs: 5000,
    klientKorrelasjonsId: 'dialog-42',
  });
  const reply = p.platform.sent.find((s) => s.meldingType === RESULTAT)!;
  assert.is(reply.avsenderKontoId, p.erpKontoId);
  assert.is(reply.mottakerKontoId, p.portal.kontoId);
  assert.is(reply.headere['klientKorrelasjonsId'], 'dialog-42');
  assert.is(reply.headere['klientKorrelasjonId'], 'dialog-42');
  await p.close();
});

test.run();
