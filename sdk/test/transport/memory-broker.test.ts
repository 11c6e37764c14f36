import { setTimeout as sleep } from 'node:timers/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import type {
  BrokerDelivery,
  BrokerEvent,
  BrokerMessage,
} from '../../src/transport/memory/broker-messages.js';
import { MemoryBroker } from '../../src/transport/memory/memory-broker.js';
import { waitFor } from './receiver-scenarios.js';

const test = suite('MemoryBroker');
const Q = 'fiksio.konto.q';
const msg = (id: string) => ({ headers: { 'melding-id': id }, body: Buffer.from(id) });

function collector(broker: MemoryBroker, prefetch = 10) {
  const got: BrokerDelivery[] = [];
  const consumer = broker.consume(Q, { prefetch, onDelivery: (d) => got.push(d) });
  return { got, consumer };
}

test('publishing to an unknown queue throws QUEUE_NOT_FOUND', () => {
  const broker = new MemoryBroker();
  assert.throws(
    () => broker.publish('nope', msg('a')),
    (e: unknown) => isFiksError(e, 'QUEUE_NOT_FOUND'),
  );
});

test('FIFO delivery, round-robin over competing consumers, prefetch per consumer', async () => {
  const broker = new MemoryBroker();
  broker.declareQueue(Q);
  const a = collector(broker, 2);
  const b = collector(broker, 1);
  for (const id of ['1', '2', '3', '4', '5']) broker.publish(Q, msg(id));
  await waitFor(() => a.got.length + b.got.length === 3, 'three deliveries');
  await sleep(20);
  const ids = (ds: BrokerDelivery[]) => ds.map((d) => d.message.headers['melding-id']);
  assert.equal(ids(a.got), ['1', '3']);
  assert.equal(ids(b.got), ['2']);
  assert.equal(broker.stats(Q), {
    queue: Q,
    ready: 2,
    unacked: 3,
    consumers: 2,
    published: 5,
    delivered: 3,
    acked: 0,
    nacked: 0,
    requeued: 0,
    expired: 0,
    deadLettered: 0,
  });
  b.consumer.ack(b.got[0]!.deliveryTag);
  await waitFor(() => b.got.length === 2, 'b gets the next one');
  assert.is(b.got[1]!.message.headers['melding-id'], '4');
});

test('prefetch 0 is unlimited', async () => {
  const broker = new MemoryBroker();
  broker.declareQueue(Q);
  const c = collector(broker, 0);
  for (let i = 0; i < 50; i++) broker.publish(Q, msg(String(i)));
  await waitFor(() => c.got.length === 50, 'all fifty');
});

test('requeue puts the message back in publish order with redelivered and a delivery count', async () => {
  const broker = new MemoryBroker();
  broker.declareQueue(Q);
  for (const id of ['1', '2']) broker.publish(Q, msg(id));
  const c = collector(broker, 1);
  await waitFor(() => c.got.length === 1, 'first');
  c.consumer.nack(c.got[0]!.deliveryTag, true);
  await waitFor(() => c.got.length === 2, 'redelivery');
  assert.is(c.got[1]!.message.headers['melding-id'], '1', 'the requeued message goes before later ones');
  assert.is(c.got[1]!.redelivered, true);
  assert.is(c.got[1]!.message.deliveryCount, 2);
  assert.is(c.got[0]!.redelivered, false);
});

test('closing a consumer returns its unsettled deliveries; cancel keeps them settleable', async () => {
  const broker = new MemoryBroker();
  broker.declareQueue(Q);
  broker.publish(Q, msg('1'));
  broker.publish(Q, msg('2'));
  const a = collector(broker, 2);
  await waitFor(() => a.got.length === 2, 'both');
  a.consumer.cancel();
  a.consumer.ack(a.got[0]!.deliveryTag);
  assert.is(broker.stats(Q).unacked, 1);
  a.consumer.close();
  assert.equal(broker.stats(Q).ready, 1);
  assert.throws(
    () => a.consumer.ack(a.got[1]!.deliveryTag),
    (e: unknown) => isFiksError(e, 'CONSUMER_CLOSED'),
  );
  const b = collector(broker);
  await waitFor(() => b.got.length === 1, 'redelivery to another consumer');
  assert.is(b.got[0]!.redelivered, true);
  assert.throws(
    () => b.consumer.ack(99),
    (e: unknown) => isFiksError(e, 'UNKNOWN_DELIVERY_TAG'),
  );
});

test('expiry is prompt (timer), reported through onExpired, and skips held messages', async () => {
  const expired: BrokerMessage[] = [];
  const broker = new MemoryBroker({ onExpired: (m) => expired.push(m) });
  broker.declareQueue(Q);
  broker.publish(Q, { ...msg('long'), expirationMs: 60_000 });
  broker.publish(Q, { ...msg('short'), expirationMs: 50 });
  broker.publish(Q, { ...msg('forever') });
  await waitFor(() => expired.length === 1, 'the short one to expire', 1000);
  assert.is(expired[0]!.headers['melding-id'], 'short', 'expires even behind a long-lived head');
  assert.is(expired[0]!.expirationMs, 50);
  assert.is(broker.stats(Q).ready, 2);
  assert.is(broker.stats(Q).expired, 1);

  broker.publish(Q, { ...msg('held'), expirationMs: 80 });
  const c = collector(broker);
  await waitFor(() => c.got.length === 3, 'the rest delivered');
  await sleep(150);
  assert.is(expired.length, 1, 'an unacked message does not expire');
  const held = c.got.find((d) => d.message.headers['melding-id'] === 'held')!;
  c.consumer.cancel();
  c.consumer.nack(held.deliveryTag, true);
  await waitFor(() => expired.length === 2, 'the requeued, overdue message to expire');
  broker.close();
});

test('deliveryLimit dead-letters after N deliveries without ack', async () => {
  const limited: BrokerMessage[] = [];
  const rejected: BrokerMessage[] = [];
  const broker = new MemoryBroker({
    deliveryLimit: 3,
    onDeliveryLimit: (m) => limited.push(m),
    onRejected: (m) => rejected.push(m),
  });
  broker.declareQueue(Q);
  broker.publish(Q, msg('x'));
  const c = collector(broker);
  for (let n = 1; n <= 3; n++) {
    await waitFor(() => c.got.length === n, `delivery ${n}`);
    c.consumer.nack(c.got[n - 1]!.deliveryTag, true);
  }
  await sleep(20);
  assert.is(c.got.length, 3);
  assert.is(limited.length, 1);
  assert.is(limited[0]!.deliveryCount, 3);
  assert.is(broker.stats(Q).deadLettered, 1);
  assert.is(broker.stats(Q).ready, 0);
  broker.publish(Q, msg('y'));
  await waitFor(() => c.got.length === 4, 'next');
  c.consumer.nack(c.got[3]!.deliveryTag, false);
  assert.equal(
    rejected.map((m) => m.headers['melding-id']),
    ['y'],
  );
});

test('the event timeline records each step with melding-id and time', async () => {
  const events: BrokerEvent[] = [];
  const broker = new MemoryBroker({ onEvent: (e) => events.push(e), deliveryLimit: 2 });
  broker.declareQueue(Q);
  const before = Date.now();
  broker.publish(Q, msg('a'));
  const c = collector(broker);
  await waitFor(() => c.got.length === 1, 'delivery');
  c.consumer.nack(c.got[0]!.deliveryTag, true);
  await waitFor(() => c.got.length === 2, 'redelivery');
  c.consumer.nack(c.got[1]!.deliveryTag, true);
  broker.publish(Q, msg('b'));
  await waitFor(() => c.got.length === 3, 'b');
  c.consumer.ack(c.got[2]!.deliveryTag);
  assert.equal(
    events.map((e) => [e.type, e.meldingId, e.deliveryCount]),
    [
      ['published', 'a', 0],
      ['delivered', 'a', 1],
      ['requeued', 'a', 1],
      ['delivered', 'a', 2],
      ['dead-lettered', 'a', 2],
      ['published', 'b', 0],
      ['delivered', 'b', 1],
      ['acked', 'b', 1],
    ],
  );
  assert.ok(events.every((e) => e.at >= before && e.at <= Date.now() && e.queue === Q));
  assert.ok(events.filter((e) => e.type !== 'published').every((e) => e.consumerTag === c.consumer.tag));
});

test('a throwing hook or consumer callback does not break the broker', async () => {
  const broker = new MemoryBroker({
    onEvent: () => {
      throw new Error('hook');
    },
  });
  broker.declareQueue(Q);
  let calls = 0;
  const consumer = broker.consume(Q, {
    onDelivery: () => {
      calls++;
      throw new Error('consumer');
    },
  });
  broker.publish(Q, msg('1'));
  broker.publish(Q, msg('2'));
  await waitFor(() => calls === 2, 'both deliveries');
  assert.is(consumer.unacked, 2);
});

test('deleting a queue cancels its consumers', async () => {
  const broker = new MemoryBroker();
  broker.declareQueue(Q);
  let cancelled = false;
  broker.consume(Q, { onDelivery: () => {}, onCancel: () => (cancelled = true) });
  broker.deleteQueue(Q);
  assert.ok(cancelled);
  assert.not.ok(broker.hasQueue(Q));
  assert.equal(broker.queueNames(), []);
});

test.run();
