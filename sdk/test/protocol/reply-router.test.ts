// Requesters on one account: in one process they share one consumer that routes every reply to
// its request; across consumers (processes) a reply that is not one's own is handed back at once.
import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FiksIoClient } from '../../src/client/fiks-io-client.js';
import type { FiksIoConnection } from '../../src/client/fiks-io-connection.js';
import type { ReceivedMessage } from '../../src/client/received-message.js';
import { ProtocolRequester } from '../../src/protocol/protocol-requester.js';
import { ProtocolResponder } from '../../src/protocol/protocol-responder.js';
import { handBackPauseMs, ReplyRouter } from '../../src/protocol/reply-router.js';
import { kontoQueueName } from '../../src/transport/queue-name.js';
import { InProcessFiksIo } from '../support/in-process-fiks-io.js';
import { catalog, erpKeys, example, OPPRETT, portalKeys, RESULTAT } from './betalingsutsettelse-fixtures.js';

/** A portal account whose clients are made by `client(connection)`, and an answering ERP. */
async function platform() {
  const fiksIo = new InProcessFiksIo();
  const portalKontoId = randomUUID();
  const erpKontoId = randomUUID();
  fiksIo.addAccount(portalKontoId, portalKeys.certificate);
  fiksIo.addAccount(erpKontoId, erpKeys.certificate);
  const clients: FiksIoClient[] = [];
  const client = (connection: FiksIoConnection, keys = portalKeys) => {
    const made = new FiksIoClient({ connection, signer: keys, privateKeys: [keys.privateKey] });
    clients.push(made);
    return made;
  };
  const responder = new ProtocolResponder(client(fiksIo.connection(erpKontoId), erpKeys), catalog);
  responder.handle(OPPRETT, async ({ payload }) => ({
    meldingType: RESULTAT,
    payload: { ...example(RESULTAT, 'innvilget-efaktura.json'), foresporselId: payload.foresporselId },
  }));
  await responder.start();
  return {
    fiksIo,
    portalKontoId,
    erpKontoId,
    client,
    portalQueue: kontoQueueName(portalKontoId),
    close: () => Promise.all(clients.map((c) => c.close({ graceMs: 500 }))),
  };
}

const request = () => ({ ...example(OPPRETT, 'person-efaktura.json'), foresporselId: randomUUID() });

async function askAll(requesters: ProtocolRequester[], perRequester: number, to: string, deadlineMs: number) {
  const asked = requesters.flatMap((requester) =>
    Array.from({ length: perRequester }, async () => {
      const payload = request();
      const answer = await requester.request(OPPRETT, payload as never, { to, deadlineMs });
      return {
        sent: payload.foresporselId,
        answered: (answer.payload as { foresporselId: string }).foresporselId,
      };
    }),
  );
  return Promise.all(asked);
}

test('requesters on one account in one process share one consumer, and each request gets its own answer', async () => {
  const p = await platform();
  const shared = () => ({ ...p.fiksIo.connection(p.portalKontoId), queueIdentity: 'portal' });
  const [a, b] = [p.client(shared()), p.client(shared())];
  const requesters = [
    new ProtocolRequester(a, catalog),
    new ProtocolRequester(a, catalog),
    new ProtocolRequester(b, catalog),
  ];
  for (const requester of requesters) await requester.start();
  assert.is(p.fiksIo.broker.stats(p.portalQueue).consumers, 1);
  const results = await askAll(requesters, 4, p.erpKontoId, 5000);
  for (const { sent, answered } of results) assert.is(answered, sent);
  assert.is(p.fiksIo.broker.stats(p.portalQueue).ready, 0);
  await requesters[0]!.close();
  assert.is(p.fiksIo.broker.stats(p.portalQueue).consumers, 1, 'the consumer stays while others use it');
  for (const requester of requesters.slice(1)) await requester.close();
  assert.is(p.fiksIo.broker.stats(p.portalQueue).consumers, 0);
  await p.close();
});

test('when the consuming client is closed under its requesters, the next request consumes through another client', async () => {
  const p = await platform();
  const shared = () => ({ ...p.fiksIo.connection(p.portalKontoId), queueIdentity: 'portal' });
  const [a, b] = [p.client(shared()), p.client(shared())];
  const [first, second] = [new ProtocolRequester(a, catalog), new ProtocolRequester(b, catalog)];
  await first.start();
  await second.start();
  await a.close();
  const [result] = await askAll([second], 1, p.erpKontoId, 5000);
  assert.is(result!.answered, result!.sent);
  assert.is(p.fiksIo.broker.stats(p.portalQueue).consumers, 1);
  await first.close();
  await second.close();
  await p.close();
});

test('requesters in separate consumers (processes) each get their answers: a reply not one own is handed back at once', async () => {
  const p = await platform();
  const requesters = [0, 1, 2].map(
    () => new ProtocolRequester(p.client(p.fiksIo.connection(p.portalKontoId)), catalog),
  );
  for (const requester of requesters) await requester.start();
  assert.is(p.fiksIo.broker.stats(p.portalQueue).consumers, 3);
  const started = Date.now();
  const results = await askAll(requesters, 2, p.erpKontoId, 4000);
  for (const { sent, answered } of results) assert.is(answered, sent);
  assert.ok(Date.now() - started < 4000);
  for (const requester of requesters) await requester.close();
  await p.close();
});

test('a message no request claims keeps being handed back, then is acked and reported as unmatched', async () => {
  const p = await platform();
  const unmatched: ReceivedMessage[] = [];
  const router = new ReplyRouter({ unclaimedAfterMs: 0 });
  await router.attach({
    client: p.client(p.fiksIo.connection(p.portalKontoId)),
    onUnmatched: (m) => unmatched.push(m),
  });
  const stray = randomUUID();
  p.fiksIo.broker.publish(p.portalQueue, {
    headers: { 'melding-id': stray, type: RESULTAT, 'avsender-id': p.erpKontoId, 'svar-til': randomUUID() },
    expirationMs: 60_000,
  });
  for (let i = 0; i < 100 && unmatched.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(
    unmatched.map((m) => [m.meldingId, m.resendt]),
    [[stray, true]],
    'handed back once, then acked when it came back',
  );
  const stats = p.fiksIo.broker.stats(p.portalQueue);
  assert.equal([stats.ready, stats.unacked], [0, 0]);
  await p.close();
});

test('a reply that comes after its request was abandoned (deadline passed) is acked and reported as unmatched', async () => {
  const p = await platform();
  const unmatched: ReceivedMessage[] = [];
  const router = new ReplyRouter();
  const user = {
    client: p.client(p.fiksIo.connection(p.portalKontoId)),
    onUnmatched: (m: ReceivedMessage) => unmatched.push(m),
  };
  await router.attach(user);
  const meldingId = randomUUID();
  const tracked = await router.track(user, async () => ({ meldingId }));
  tracked.abandon();
  const late = randomUUID();
  p.fiksIo.broker.publish(p.portalQueue, {
    headers: { 'melding-id': late, type: RESULTAT, 'avsender-id': p.erpKontoId, 'svar-til': meldingId },
    expirationMs: 60_000,
  });
  for (let i = 0; i < 100 && unmatched.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(
    unmatched.map((m) => [m.meldingId, m.svarPaMelding, m.resendt]),
    [[late, meldingId, false]],
    'settled at once, not handed back',
  );
  const stats = p.fiksIo.broker.stats(p.portalQueue);
  assert.equal([stats.ready, stats.unacked], [0, 0]);
  await p.close();
});

test("a message seen again is handed back after a random pause, growing to at most 250 ms (processes holding each other's replies fall out of step)", () => {
  assert.is(
    handBackPauseMs(1, () => 0.99),
    0,
    'the first hand-back is at once',
  );
  assert.is(
    handBackPauseMs(2, () => 0.99),
    24,
  );
  assert.is(
    handBackPauseMs(4, () => 0.99),
    99,
  );
  assert.is(
    handBackPauseMs(30, () => 0.99),
    247,
  );
  assert.is(
    handBackPauseMs(30, () => 0),
    0,
  );
  const pauses = new Set(Array.from({ length: 50 }, () => handBackPauseMs(12, Math.random)));
  assert.ok(pauses.size > 10, 'pauses differ from one hand-back to the next');
  for (const pause of pauses) assert.ok(pause >= 0 && pause < 250, String(pause));
});

test.run();
