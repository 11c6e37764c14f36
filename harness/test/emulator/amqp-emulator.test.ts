import { readFile } from 'node:fs/promises';
import { kontoQueueName } from '@fiks-faktura/sdk/testing';
import amqp from 'amqplib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RABBITMQ, RABBITMQ_URL, serviceAvailable } from '../../../scripts/test-support/services.js';
import { startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';
import { emulatorScenarios, type ScenarioContext, TEST_ACCOUNTS } from './emulator-scenarios.js';

const available = await serviceAvailable(RABBITMQ, 'Fiks IO emulator on RabbitMQ');
const test = suite<ScenarioContext>('Fiks IO emulator, RabbitMQ back end');

if (available) {
  emulatorScenarios(test, (dir) =>
    startFiksIoEmulator({ broker: RABBITMQ_URL, accounts: TEST_ACCOUNTS, writeConfigs: dir }),
  );

  test('configs point at RabbitMQ with the local credentials; closing deletes the queues', async ({
    emulator,
  }) => {
    assert.not.ok(emulator.broker.includes('guest:'), 'the printed broker URL carries no password');
    const path = `${emulator.configs.values().next().value}`;
    const config = JSON.parse(await readFile(path, 'utf8')) as { receive: { type: string; url: string } };
    assert.is(config.receive.type, 'amqp');
    assert.match(config.receive.url, /^amqp:\/\/guest:guest@/);

    const other = await startFiksIoEmulator({
      broker: RABBITMQ_URL,
      accounts: { accounts: [{ navn: 'Kortlevd' }] },
    });
    const queue = kontoQueueName(other.accounts[0]!.kontoId);
    const connection = await amqp.connect(RABBITMQ_URL);
    connection.on('error', () => undefined);
    try {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      assert.is((await channel.checkQueue(queue)).messageCount, 0);
      await other.close();
      const closed = await channel.checkQueue(queue).then(
        () => false,
        () => true,
      );
      assert.ok(closed, 'the queue is gone after close');
    } finally {
      await connection.close().catch(() => undefined);
    }
  });
} else {
  test.skip('RabbitMQ back end (RabbitMQ not reachable)', () => {});
}

test.run();
