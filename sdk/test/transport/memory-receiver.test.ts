import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { MemoryBroker } from '../../src/transport/memory/memory-broker.js';
import { MemoryReceiver } from '../../src/transport/memory/memory-receiver.js';
import { kontoQueueName } from '../../src/transport/queue-name.js';
import {
  fiksHeaders,
  receiverScenarios,
  record,
  type TransportFixture,
  waitFor,
} from './receiver-scenarios.js';

const test = suite('MemoryReceiver');

function fixture(broker = new MemoryBroker()): TransportFixture {
  const kontoId = randomUUID();
  const queue = kontoQueueName(kontoId);
  broker.declareQueue(queue);
  return {
    kontoId,
    publish: async (message) => {
      broker.publish(queue, message);
    },
    receiver: (options) => new MemoryReceiver({ broker, kontoId, ...options }),
    ready: async () => broker.stats(queue).ready,
    dispose: async () => broker.deleteQueue(queue),
  };
}

receiverScenarios(test, async () => fixture());

test('start fails with QUEUE_NOT_FOUND when the queue does not exist', async () => {
  const receiver = new MemoryReceiver({ broker: new MemoryBroker(), kontoId: randomUUID() });
  await receiver
    .start(async () => {})
    .then(
      () => assert.unreachable('started'),
      (e: unknown) => assert.ok(isFiksError(e, 'QUEUE_NOT_FOUND')),
    );
  assert.is(receiver.health().connected, false);
});

test('a deleted queue is reported as a lost connection and resumed once it exists again', async () => {
  const broker = new MemoryBroker();
  const f = fixture(broker);
  const queue = kontoQueueName(f.kontoId);
  const errors: Error[] = [];
  const receiver = new MemoryReceiver({
    broker,
    kontoId: f.kontoId,
    reconnect: { initialDelayMs: 20, maxDelayMs: 50 },
    onError: (e) => errors.push(e),
  });
  const seen = await record(receiver, (d) => d.ack());
  broker.deleteQueue(queue);
  assert.is(receiver.health().connected, false);
  assert.ok(errors.some((e) => isFiksError(e, 'CONNECTION_LOST')));
  broker.declareQueue(queue);
  await waitFor(() => receiver.health().consuming, 'the consumer to resume');
  assert.is(receiver.health().reconnects, 1);
  await f.publish({ headers: fiksHeaders() });
  await waitFor(() => seen.length === 1, 'a delivery after resuming');
  await receiver.close();
});

test('close while starting wins: start rejects with RECEIVER_CLOSED and nothing consumes', async () => {
  const broker = new MemoryBroker();
  const f = fixture(broker);
  const receiver = f.receiver({});
  const starting = receiver.start(async () => assert.unreachable('handled after close'));
  const closing = receiver.close();
  await starting.then(
    () => assert.unreachable('started'),
    (e: unknown) => assert.ok(isFiksError(e, 'RECEIVER_CLOSED'), String(e)),
  );
  await closing;
  assert.is(broker.stats(kontoQueueName(f.kontoId)).consumers, 0);
  await f.publish({ headers: fiksHeaders() });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.is(await f.ready(), 1);
  assert.equal(receiver.health().connected, false);
});

test.run();
