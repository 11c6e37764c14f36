// KS's .NET and Java clients log in to Fiks IO's broker one way only: user = integrasjonId,
// password = "<integrasjonPassord> <Maskinporten token>", no declare, basic.qos(10, global=false),
// basic.consume on fiksio.konto.<kontoId> with manual ack. The emulator's RabbitMQ node asks the
// emulator (rabbitmq_auth_backend_http); this logs in exactly so with plain amqplib.
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MaskinportenTokenProvider, type ReceivedMessage } from '@fiks-faktura/sdk';
import { kontoQueueName } from '@fiks-faktura/sdk/testing';
import amqp, { type ChannelModel, type ConsumeMessage } from 'amqplib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { EmulatorAccount } from '../../../src/emulator/account-registry.js';
import { type FiksIoEmulator, startFiksIoEmulator } from '../../../src/emulator/fiks-io-emulator.js';
import { waitFor } from '../emulator-scenarios.js';
import { httpClient, TYPE } from '../scenario-support.js';
import { EMULATOR_BROKER_AMQPS, EMULATOR_BROKER_CA, emulatorBroker } from './emulator-broker.js';

const SUITE = 'KS-client AMQP login against the emulator';
const TOKEN_LIFETIME_SECONDS = 2;

interface Context {
  emulator: FiksIoEmulator;
  dir: string;
  /** `endpoints.amqp` of the written configs. */
  amqpUrl: string;
}

/** A fresh token from the emulator's /token, fetched as KS's Maskinporten clients do. */
async function token(emulator: FiksIoEmulator, account: EmulatorAccount): Promise<string> {
  return new MaskinportenTokenProvider({
    tokenUrl: `${emulator.url}/token`,
    audience: `${emulator.url}/`,
    clientId: account.maskinportenClientId,
    certificate: account.certificate,
    privateKey: createPrivateKey(account.privateKeyPem!),
  }).getAccessToken();
}

/** Opens a connection the way KS's clients do: the Fiks IO user and password, their connection name. */
function ksConnect(url: string, user: string, password: string, ca?: Buffer): Promise<ChannelModel> {
  return amqp.connect(url, {
    ...(ca === undefined ? {} : { ca: [ca] }),
    credentials: amqp.credentials.plain(user, password),
    clientProperties: { connection_name: 'Fiks IO klient (dotnet)' },
  });
}

/** Resolves the AMQP reply code the broker closes with (403 ACCESS_REFUSED …), or 0 when it succeeds. */
async function refusalCode(attempt: () => Promise<unknown>): Promise<number> {
  try {
    const opened = await attempt();
    // A login that should have been refused must not keep the test process alive.
    if (typeof (opened as ChannelModel | undefined)?.close === 'function')
      await (opened as ChannelModel).close().catch(() => undefined);
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    return /ACCESS_REFUSED|403/.test(String(error)) ? 403 : -1;
  }
}

const brokerUrl = await emulatorBroker(SUITE);
const test = suite<Context>(SUITE);

if (brokerUrl !== undefined) {
  test.before(async (context) => {
    context.dir = await mkdtemp(join(tmpdir(), 'ks-login-test-'));
    context.emulator = await startFiksIoEmulator({
      broker: brokerUrl,
      accounts: { accounts: [{ navn: 'Kommune A' }, { navn: 'Fakturasystem B' }, { navn: 'Annen C' }] },
      writeConfigs: context.dir,
      tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
    });
    const path = context.emulator.configs.get(context.emulator.account('Kommune A').kontoId)!;
    const config = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    context.amqpUrl = (config['endpoints'] as { amqp: string }).amqp;
  });

  test.after(async (context) => {
    await context.emulator?.close();
    await rm(context.dir, { recursive: true, force: true });
  });

  test('the written configs have the production shape: endpoints.amqp, no broker password', async ({
    emulator,
    dir,
  }) => {
    assert.is(emulator.brokerLogin, 'fiks-io');
    for (const path of emulator.configs.values()) {
      const text = await readFile(path, 'utf8');
      const config = JSON.parse(text) as Record<string, unknown>;
      assert.not.ok('receive' in config, 'no receive endpoint: the SDK receives at endpoints.amqp');
      const url = new URL((config['endpoints'] as { amqp: string }).amqp);
      assert.is(url.protocol, 'amqp:');
      assert.is(url.username, '', 'no broker user in the config');
      assert.not.ok(text.includes('guest'), 'the broker’s own credentials are not written');
    }
    assert.ok(dir !== '');
  });

  test('a plain AMQP client logs in as KS’s clients do and receives a message sent through the emulator', async ({
    emulator,
    amqpUrl,
  }) => {
    const a = emulator.account('Kommune A');
    const connection = await ksConnect(
      amqpUrl,
      a.integrasjonId,
      `${a.integrasjonPassord} ${await token(emulator, a)}`,
    );
    connection.on('error', () => undefined);
    try {
      const channel = await connection.createChannel();
      await channel.prefetch(10, false);
      const received: ConsumeMessage[] = [];
      await channel.consume(
        kontoQueueName(a.kontoId),
        (message) => {
          if (message !== null) received.push(message);
        },
        { noAck: false },
      );
      const { client } = await httpClient(emulator, 'Fakturasystem B');
      try {
        const sent = await client.send({ mottakerKontoId: a.kontoId, meldingType: TYPE });
        const message = await waitFor(() => received[0], 'the delivery');
        const headers = message.properties.headers ?? {};
        assert.is(String(headers['melding-id']), sent.meldingId);
        assert.is(String(headers['type']), TYPE);
        assert.is(String(headers['avsender-id']), emulator.account('Fakturasystem B').kontoId);
        assert.is(message.fields.routingKey, kontoQueueName(a.kontoId));
        channel.ack(message);
        await channel.close();
      } finally {
        await client.close();
      }
    } finally {
      await connection.close().catch(() => undefined);
    }
    // Acknowledged: nothing is left on the queue (RabbitMQ's own user looks).
    const admin = await amqp.connect(brokerUrl!);
    try {
      const check = await admin.createChannel();
      assert.is((await check.checkQueue(kontoQueueName(a.kontoId))).messageCount, 0, 'the ack was taken');
    } finally {
      await admin.close();
    }
  });

  test('refused: wrong password, expired token, another integration’s token, another account’s queue, declare, publish', async ({
    emulator,
    amqpUrl,
  }) => {
    const a = emulator.account('Kommune A');
    const b = emulator.account('Fakturasystem B');
    const c = emulator.account('Annen C');
    const fresh = await token(emulator, a);
    const foreign = await token(emulator, c);
    assert.is(
      await refusalCode(() => ksConnect(amqpUrl, a.integrasjonId, `feil ${fresh}`)),
      403,
      'wrong password',
    );
    assert.is(
      await refusalCode(() => ksConnect(amqpUrl, a.integrasjonId, `${a.integrasjonPassord} ${foreign}`)),
      403,
      'another integration’s token',
    );
    assert.is(
      await refusalCode(() => ksConnect(amqpUrl, a.integrasjonId, fresh)),
      403,
      'password without token',
    );
    assert.is(
      await refusalCode(() => ksConnect(amqpUrl, a.integrasjonId, `${a.integrasjonPassord} not-a-token`)),
      403,
      'a token the emulator never issued',
    );

    const connection = await ksConnect(amqpUrl, a.integrasjonId, `${a.integrasjonPassord} ${fresh}`);
    connection.on('error', () => undefined);
    try {
      const attempt = async (use: (channel: amqp.Channel) => Promise<unknown>) => {
        const channel = await connection.createChannel();
        channel.on('error', () => undefined);
        const code = await refusalCode(() => use(channel));
        await channel.close().catch(() => undefined);
        return code;
      };
      assert.is(
        await attempt((ch) => ch.consume(kontoQueueName(b.kontoId), () => undefined)),
        403,
        'another account’s queue',
      );
      assert.is(
        await attempt((ch) => ch.assertQueue(kontoQueueName(a.kontoId), { durable: true })),
        403,
        'declaring its own queue',
      );
      assert.is(await attempt((ch) => ch.assertQueue('')), 403, 'declaring a new queue');
      assert.is(
        await attempt(async (ch) => {
          ch.sendToQueue(kontoQueueName(a.kontoId), Buffer.from('x'));
          // The broker answers a refused publish by closing the channel; a round trip waits for it.
          await ch.checkQueue(kontoQueueName(a.kontoId));
        }),
        403,
        'publishing',
      );
      assert.is(
        await attempt((ch) => ch.consume(kontoQueueName(a.kontoId), () => undefined)),
        0,
        'its own queue',
      );
    } finally {
      await connection.close().catch(() => undefined);
    }

    const expiring = await token(emulator, a);
    await new Promise((resolve) => setTimeout(resolve, TOKEN_LIFETIME_SECONDS * 1000 + 200));
    assert.is(
      await refusalCode(() => ksConnect(amqpUrl, a.integrasjonId, `${a.integrasjonPassord} ${expiring}`)),
      403,
      'expired token',
    );
  });

  test('the SDK’s own client receives through the Fiks IO login from the written config', async ({
    emulator,
  }) => {
    const a = await httpClient(emulator, 'Kommune A');
    const b = await httpClient(emulator, 'Fakturasystem B');
    try {
      const received: ReceivedMessage[] = [];
      await a.client.subscribe(async (message) => {
        received.push(message);
        await message.ack();
      });
      const sent = await b.client.send({ mottakerKontoId: a.connection.kontoId, meldingType: TYPE });
      const message = await waitFor(() => received[0], 'the delivery to the SDK client');
      assert.is(message.meldingId, sent.meldingId);
      assert.is(await emulator.consumerCount(a.connection.kontoId), 1, 'consuming as a Fiks IO consumer');
    } finally {
      await a.client.close();
      await b.client.close();
    }
  });

  test('AMQPS with the development CA, beside a second emulator on the same broker', async ({
    emulator,
    amqpUrl,
  }) => {
    const dir = await mkdtemp(join(tmpdir(), 'ks-login-tls-'));
    const second = await startFiksIoEmulator({
      broker: brokerUrl!,
      accounts: { accounts: [{ navn: 'Kommune D' }] },
      writeConfigs: dir,
      brokerAmqps: EMULATOR_BROKER_AMQPS,
      brokerCa: EMULATOR_BROKER_CA,
    });
    try {
      const d = second.account('Kommune D');
      const config = JSON.parse(await readFile(second.configs.get(d.kontoId)!, 'utf8')) as {
        endpoints: { amqp: string };
      };
      assert.is(config.endpoints.amqp, EMULATOR_BROKER_AMQPS);
      const ca = await readFile(join(dir, 'broker-ca.pem'));
      assert.match(await readFile(join(dir, 'broker-ca.txt'), 'utf8'), /NODE_EXTRA_CA_CERTS/);
      const password = `${d.integrasjonPassord} ${await token(second, d)}`;
      const untrusted = await refusalCode(() => ksConnect(config.endpoints.amqp, d.integrasjonId, password));
      assert.is.not(untrusted, 0, 'without the CA the certificate is not trusted');
      const tls = await ksConnect(config.endpoints.amqp, d.integrasjonId, password, ca);
      tls.on('error', () => undefined);
      const channel = await tls.createChannel();
      await channel.prefetch(10, false);
      await channel.consume(kontoQueueName(d.kontoId), () => undefined, { noAck: false });
      await tls.close();
      // The first emulator still answers for its own integrations.
      const a = emulator.account('Kommune A');
      const plain = await ksConnect(
        amqpUrl,
        a.integrasjonId,
        `${a.integrasjonPassord} ${await token(emulator, a)}`,
      );
      await plain.close();
      assert.is(
        await refusalCode(() =>
          ksConnect(amqpUrl, d.integrasjonId, `${a.integrasjonPassord} ${password.split(' ')[1]}`),
        ),
        403,
        'one emulator’s password is no good for another’s integration',
      );
    } finally {
      await second.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
} else {
  test.skip(`${SUITE} (the emulator's RabbitMQ node is not available)`, () => {});
}

test.run();
