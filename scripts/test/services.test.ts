import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serviceAt, serviceAvailable } from '../test-support/services.js';

const root = join(import.meta.dirname, '../..');

/** A local port nothing listens on (taken and given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('the address comes from the URL, with the scheme default port, without credentials', () => {
  assert.equal(serviceAt('RabbitMQ', 'amqp://u:p@broker.example:5673', { 'amqp:': 5672 }, 'RABBITMQ_URL'), {
    name: 'RabbitMQ',
    host: 'broker.example',
    port: 5673,
    from: 'RABBITMQ_URL',
  });
  assert.is(serviceAt('PostgreSQL', 'postgres://x@db/test', { 'postgres:': 5432 }).port, 5432);
  assert.is(serviceAt('RabbitMQ', 'amqps://[::1]', { 'amqps:': 5671 }).host, '::1');
});

test('a service not answering at its URL is skipped, or required under REQUIRE_SERVICES=1', async () => {
  const spec = serviceAt('RabbitMQ', `amqp://127.0.0.1:${await closedPort()}`, {}, 'RABBITMQ_URL');
  const required = process.env.REQUIRE_SERVICES;
  try {
    delete process.env.REQUIRE_SERVICES;
    assert.is(await serviceAvailable(spec, 'probe'), false);
    process.env.REQUIRE_SERVICES = '1';
    try {
      await serviceAvailable(spec, 'probe');
      assert.unreachable('REQUIRE_SERVICES=1 makes it a failure');
    } catch (error) {
      assert.match((error as Error).message, /RABBITMQ_URL.*REQUIRE_SERVICES=1/);
    }
  } finally {
    if (required === undefined) delete process.env.REQUIRE_SERVICES;
    else process.env.REQUIRE_SERVICES = required;
  }
});

test('the receiver tests, pointed at a stopped broker, skip and end cleanly', async () => {
  const { REQUIRE_SERVICES: _ignored, ...env } = process.env;
  const result = spawnSync(process.execPath, [join(root, 'sdk/test/transport/amqp-receiver.test.ts')], {
    env: { ...env, RABBITMQ_URL: `amqp://guest:guest@127.0.0.1:${await closedPort()}` },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.is(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    /SKIP AmqpReceiver: RabbitMQ is not reachable at 127\.0\.0\.1:\d+ \(RABBITMQ_URL\)/,
  );
  assert.not.match(result.stderr, /TypeError/);
});

test.run();
