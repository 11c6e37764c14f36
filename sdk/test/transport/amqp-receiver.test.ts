import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { promisify } from 'node:util';
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RABBITMQ, RABBITMQ_URL, serviceAvailable } from '../../../scripts/test-support/services.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { AmqpReceiver, type AmqpReceiverOptions } from '../../src/transport/amqp/amqp-receiver.js';
import type { Delivery } from '../../src/transport/message-receiver.js';
import { kontoQueueName } from '../../src/transport/queue-name.js';
import {
  fiksHeaders,
  receiverScenarios,
  record,
  type TransportFixture,
  waitFor,
} from './receiver-scenarios.js';

const test = suite('AmqpReceiver (RabbitMQ)');
const available = await serviceAvailable(RABBITMQ, 'AmqpReceiver');
const brokerUrl = new URL(RABBITMQ_URL);
const username = decodeURIComponent(brokerUrl.username || 'guest');
const secret = decodeURIComponent(brokerUrl.password || 'guest');
const fast = { initialDelayMs: 50, maxDelayMs: 500 };
// Broker-side checks (connection names, closing one connection) need rabbitmqctl on this machine.
const ctl =
  available &&
  (await rabbitmqctl('list_connections', 'pid').then(
    () => true,
    () => false,
  ));
if (available && !ctl) console.log('SKIP AmqpReceiver broker-side checks: rabbitmqctl is not usable here');

let admin: ChannelModel | undefined;
let channel: Channel;

test.before(async () => {
  if (!available) return;
  admin = await amqp.connect(RABBITMQ_URL);
  channel = await admin.createChannel();
});
test.after(async () => {
  // Unset when before() could not connect: its own failure is the one to report.
  await admin?.close();
});

/** A fresh account queue, declared by the test (the receiver never declares). */
async function fixture(
  overrides: Partial<AmqpReceiverOptions> = {},
  queueArguments: Record<string, unknown> = {},
): Promise<TransportFixture & { queue: string }> {
  const kontoId = randomUUID();
  const queue = kontoQueueName(kontoId);
  await channel.assertQueue(queue, { durable: false, arguments: queueArguments });
  return {
    kontoId,
    queue,
    publish: async ({ headers, body, expirationMs }) => {
      channel.sendToQueue(queue, body ?? Buffer.alloc(0), {
        headers,
        ...(expirationMs === undefined ? {} : { expiration: String(expirationMs) }),
      });
    },
    receiver: (options) =>
      new AmqpReceiver({
        url: `amqp://${brokerUrl.host}`,
        username,
        password: async () => secret,
        kontoId,
        applicationName: 'transport test',
        reconnect: fast,
        ...options,
        ...overrides,
      }),
    ready: async () => (await channel.checkQueue(queue)).messageCount,
    dispose: async () => {
      await channel.deleteQueue(queue);
    },
  };
}

if (available) {
  receiverScenarios(test, () => fixture());

  test('decodes headers sent as AMQP byte strings and reads the routing key', async () => {
    const f = await fixture();
    const meldingId = randomUUID();
    channel.sendToQueue(f.queue, Buffer.from('x'), {
      headers: {
        'melding-id': Buffer.from(meldingId),
        type: Buffer.from('no.ks.fiks.test.v1.melding'),
        'avsender-id': Buffer.from(randomUUID()),
        'egendefinert-header.klientKorrelasjonsId': Buffer.from('korr-ø'),
      },
      expiration: '1500',
    });
    const receiver = f.receiver({});
    const seen = await record(receiver, (d) => d.ack());
    await waitFor(() => seen.length === 1, 'the delivery');
    assert.is(seen[0]!.meldingId, meldingId);
    assert.is(seen[0]!.klientKorrelasjonsId, 'korr-ø');
    assert.is(seen[0]!.ttlMs, 1500);
    assert.is(seen[0]!.mottakerKontoId, f.kontoId);
    await receiver.close();
    await f.dispose();
  });

  test('nack without requeue dead-letters when the queue has a dead-letter exchange', async () => {
    const dlq = `fiksio.test.dlq.${randomUUID()}`;
    await channel.assertQueue(dlq, { durable: false });
    const f = await fixture({}, { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': dlq });
    const headers = fiksHeaders();
    await f.publish({ headers });
    const receiver = f.receiver({});
    const seen = await record(receiver, (d) => d.nack());
    await waitFor(() => seen.length === 1, 'the delivery');
    let dead: amqp.GetMessage | undefined;
    await waitFor(async () => {
      dead = (await channel.get(dlq, { noAck: true })) || undefined;
      return dead !== undefined;
    }, 'the dead letter');
    assert.is(dead?.properties.headers?.['melding-id'], headers['melding-id']);
    await receiver.close();
    await f.dispose();
    await channel.deleteQueue(dlq);
  });

  test('a missing queue fails start with QUEUE_NOT_FOUND and never declares it', async () => {
    const kontoId = randomUUID();
    const receiver = new AmqpReceiver({
      url: `amqp://${brokerUrl.host}`,
      username,
      password: async () => secret,
      kontoId,
    });
    await receiver
      .start(async () => {})
      .then(
        () => assert.unreachable('started'),
        (e: unknown) => assert.ok(isFiksError(e, 'QUEUE_NOT_FOUND'), String(e)),
      );
    const probe = await admin!.createChannel();
    probe.on('error', () => undefined);
    await probe.checkQueue(kontoQueueName(kontoId)).then(
      () => assert.unreachable('the receiver declared the queue'),
      () => undefined,
    );
  });

  test('a wrong password fails start with CONNECTION_FAILED without leaking it', async () => {
    const f = await fixture({ password: async () => 'not-the-password token-abc' });
    const receiver = f.receiver({});
    const error = await receiver
      .start(async () => {})
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(isFiksError(error, 'CONNECTION_FAILED'), String(error));
    assert.not.match(String((error as Error).message), 'token-abc');
    await f.dispose();
  });

  (ctl ? test : test.skip)('uses the application name as connection name', async () => {
    const name = `fiks-io-test-${randomUUID()}`;
    const f = await fixture({ applicationName: name });
    const receiver = f.receiver({});
    await receiver.start(async () => {});
    const listed = await connectionsNamed(name);
    assert.is(listed.length, 1);
    await receiver.close();
    await f.dispose();
  });

  test('reconnects after a network cut, asks for the password again, and loses nothing', async () => {
    const proxy = await tcpProxy(Number(brokerUrl.port || 5672));
    let passwordCalls = 0;
    const f = await fixture({
      url: `amqp://127.0.0.1:${proxy.port}`,
      password: async () => {
        passwordCalls++;
        return secret;
      },
    });
    const errors: Error[] = [];
    const receiver = f.receiver({ onError: (e) => errors.push(e) });
    let holdOne = true;
    const seen = await record(receiver, async (d) => {
      if (holdOne) {
        holdOne = false; // left unsettled across the cut: the broker must redeliver it
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
    for (let i = 0; i < 5; i++) await publish();
    await waitFor(() => seen.length === 5, 'the first five');
    const held = seen[0]!;
    proxy.cut();
    await waitFor(() => !receiver.health().connected, 'the receiver to notice the cut');
    for (let i = 0; i < 5; i++) await publish();
    await held.ack(); // the channel is gone: skipped, the message comes again
    await waitFor(() => receiver.health().reconnects === 1 && receiver.health().consuming, 'the reconnect');
    await waitFor(() => new Set(acked(seen)).size === 10, 'every message acked after the reconnect', 10_000);
    assert.equal(new Set(acked(seen)), new Set(sent));
    assert.ok(
      seen.some((d) => d.meldingId === held.meldingId && d.resendt),
      'the held message is resendt',
    );
    assert.is(passwordCalls, 2, 'the password function runs on every connect');
    assert.ok(errors.some((e) => isFiksError(e, 'CONNECTION_LOST')));
    assert.ok(receiver.health().skippedSettlements >= 1);
    await receiver.close();
    assert.is(await f.ready(), 0);
    await f.dispose();
    await proxy.close();
  });

  (ctl ? test : test.skip)('reconnects after the broker closes the connection', async () => {
    const name = `fiks-io-test-${randomUUID()}`;
    const f = await fixture({ applicationName: name });
    const receiver = f.receiver({});
    const seen = await record(receiver, (d) => d.ack());
    const [pid] = await connectionsNamed(name);
    await rabbitmqctl('close_connection', pid!, 'closed by the transport test');
    await waitFor(() => receiver.health().reconnects === 1 && receiver.health().consuming, 'the reconnect');
    await f.publish({ headers: fiksHeaders() });
    await waitFor(() => seen.length === 1, 'a delivery after the reconnect');
    await receiver.close();
    await f.dispose();
  });
} else {
  test.skip('AMQP receiver against RabbitMQ');
}

function acked(seen: Delivery[]): string[] {
  return seen.slice(1).map((d) => d.meldingId);
}

async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('rabbitmqctl', ['-q', ...args], { timeout: 20_000 });
  return stdout;
}

/** Connection pids whose client-provided name is `name`. */
async function connectionsNamed(name: string): Promise<string[]> {
  const rows = (await rabbitmqctl('list_connections', 'pid', 'client_properties')).split('\n');
  return rows.filter((row) => row.includes(`"${name}"`)).map((row) => row.split('\t')[0]!);
}

/** A TCP relay to the broker whose sockets can be cut, like a network failure. */
async function tcpProxy(targetPort: number): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    cut: () => {
      for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test.run();
