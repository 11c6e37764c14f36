import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { MemoryBroker } from '../../src/transport/memory/memory-broker.js';
import { kontoQueueName } from '../../src/transport/queue-name.js';
import {
  attachWebSocketBridge,
  type WebSocketBridge,
} from '../../src/transport/websocket/websocket-bridge.js';
import {
  WebSocketReceiver,
  type WebSocketReceiverOptions,
} from '../../src/transport/websocket/websocket-receiver.js';
import {
  fiksHeaders,
  receiverScenarios,
  record,
  type TransportFixture,
  waitFor,
} from './receiver-scenarios.js';

const test = suite('WebSocketReceiver over the bridge');
const TOKEN = 'test-token';
const broker = new MemoryBroker();
let bridge: WebSocketBridge;
const upgradeHeaders: Record<string, string>[] = [];

test.before(async () => {
  bridge = await attachWebSocketBridge({ port: 0 }, broker, {
    authenticate: async (request) => {
      upgradeHeaders.push({
        authorization: String(request.headers['authorization']),
        integrasjonid: String(request.headers['integrasjonid']),
      });
      if (request.headers['authorization'] !== `Bearer ${TOKEN}`) return null;
      const kontoId = new URL(request.url ?? '/', 'http://x').searchParams.get('kontoId');
      return kontoId === null ? null : { kontoId };
    },
  });
});
test.after(async () => {
  await bridge.close();
  broker.close();
});

function receiverOptions(kontoId: string): WebSocketReceiverOptions {
  return {
    url: bridge.url!,
    kontoId,
    headers: async () => ({
      Authorization: `Bearer ${TOKEN}`,
      IntegrasjonId: 'integrasjon',
      IntegrasjonPassord: 'p',
    }),
    reconnect: { initialDelayMs: 30, maxDelayMs: 200 },
  };
}

function fixture(): TransportFixture {
  const kontoId = randomUUID();
  const queue = kontoQueueName(kontoId);
  broker.declareQueue(queue);
  return {
    kontoId,
    publish: async (message) => {
      broker.publish(queue, message);
    },
    receiver: (options) => new WebSocketReceiver({ ...receiverOptions(kontoId), ...options }),
    ready: async () => broker.stats(queue).ready,
    dispose: async () => broker.deleteQueue(queue),
  };
}

receiverScenarios(test, async () => fixture());

test('sends the credentials on the upgrade and refuses wrong ones with BRIDGE_UNAUTHORIZED', async () => {
  const f = fixture();
  const receiver = new WebSocketReceiver({
    ...receiverOptions(f.kontoId),
    headers: async () => ({ Authorization: 'Bearer wrong' }),
  });
  await receiver
    .start(async () => {})
    .then(
      () => assert.unreachable('started'),
      (e: unknown) => assert.ok(isFiksError(e, 'BRIDGE_UNAUTHORIZED'), String(e)),
    );
  assert.is(receiver.health().connected, false);
  const good = f.receiver({});
  await good.start(async () => {});
  assert.equal(upgradeHeaders.at(-1), { authorization: `Bearer ${TOKEN}`, integrasjonid: 'integrasjon' });
  await good.close();
  await f.dispose();
});

test('an unknown account queue fails start with QUEUE_NOT_FOUND', async () => {
  const receiver = new WebSocketReceiver(receiverOptions(randomUUID()));
  await receiver
    .start(async () => {})
    .then(
      () => assert.unreachable('started'),
      (e: unknown) => assert.ok(isFiksError(e, 'QUEUE_NOT_FOUND'), String(e)),
    );
});

test('reconnects after the connection drops, with fresh headers, redelivering what was in flight', async () => {
  const f = fixture();
  let headerCalls = 0;
  const errors: Error[] = [];
  const receiver = new WebSocketReceiver({
    ...receiverOptions(f.kontoId),
    headers: async () => {
      headerCalls++;
      return { Authorization: `Bearer ${TOKEN}` };
    },
    onError: (e) => errors.push(e),
  });
  let holdOne = true;
  const seen = await record(receiver, async (d) => {
    if (holdOne) {
      holdOne = false;
      return;
    }
    await d.ack();
  });
  const sent: string[] = [];
  const publish = async () => {
    const headers = fiksHeaders();
    sent.push(headers['melding-id']!);
    await f.publish({ headers });
  };
  for (let i = 0; i < 4; i++) await publish();
  await waitFor(() => seen.length === 4, 'the first four');
  const held = seen[0]!;
  bridge.dropConnections();
  await waitFor(() => !receiver.health().connected, 'the receiver to notice the drop');
  for (let i = 0; i < 4; i++) await publish();
  await held.ack();
  assert.is(receiver.health().skippedSettlements, 1);
  await waitFor(() => receiver.health().reconnects === 1 && receiver.health().consuming, 'the reconnect');
  await waitFor(() => new Set(seen.slice(1).map((d) => d.meldingId)).size === 8, 'every message acked');
  assert.equal(new Set(seen.slice(1).map((d) => d.meldingId)), new Set(sent));
  assert.ok(
    seen.some((d) => d.meldingId === held.meldingId && d.resendt),
    'the held message is resendt',
  );
  assert.is(headerCalls, 2);
  assert.ok(errors.some((e) => isFiksError(e, 'CONNECTION_LOST')));
  await receiver.close();
  assert.equal(broker.stats(kontoQueueName(f.kontoId)).ready, 0);
  await waitFor(() => bridge.connections === 0, 'the bridge to see the socket close');
  await f.dispose();
});

test.run();
