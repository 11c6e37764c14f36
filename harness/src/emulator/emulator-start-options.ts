import { createServer } from 'node:net';
import { FiksError } from '@fiks-faktura/sdk';
import { badOptionValue, integerInRange, type OptionSpec } from '@fiks-faktura/sdk/cli';

/** `--port`: 0 (a free port) to 65535. */
export const portOption = integerInRange('--port', 0, 65535, 'a port from 0 (a free one) to 65535');

/** `--broker`: `memory`, or a RabbitMQ URL (`amqp://` or `amqps://`). */
export function brokerOption(value: unknown): string {
  const text = String(value);
  if (text === 'memory') return text;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'amqp:' && url.protocol !== 'amqps:'))
    throw badOptionValue(
      '--broker',
      text.replace(/\/\/[^@/]*@/, '//***@'),
      'memory or amqp://user:pass@host:5672',
    );
  return text;
}

/** The flags of `fiks-io-emulator start`. */
export const START_OPTIONS = {
  port: {
    type: 'number',
    default: 0,
    coerce: portOption,
    placeholder: 'PORT',
    describe: 'HTTP port (0: a free one; the printed url says which)',
  },
  host: {
    type: 'string',
    default: '127.0.0.1',
    placeholder: 'HOST',
    describe:
      'interface to listen on; beyond loopback the /emulator/* endpoints require the printed controlToken',
  },
  broker: {
    type: 'string',
    default: 'memory',
    coerce: brokerOption,
    placeholder: 'URL',
    describe: 'memory, or a RabbitMQ URL amqp://user:pass@host:5672',
  },
  accounts: {
    type: 'string',
    placeholder: 'FILE',
    describe:
      'accounts file (JSON, accounts.schema.json); default: two generated accounts. With --data, used when the data folder keeps no accounts yet; when it keeps others, the start fails with ACCOUNTS_CONFLICT (leave out --accounts to use the kept ones)',
  },
  data: {
    type: 'string',
    placeholder: 'DIR',
    describe:
      'data folder: payloads and Dokumentlager files on disk, and the accounts kept across restarts (default: a temporary folder, removed at the end)',
  },
  'data-quota': {
    type: 'number',
    placeholder: 'BYTES',
    describe: 'bytes of payloads the data folder holds at most (default 2 GiB); beyond, sends get 507',
  },
  'broker-auth': {
    type: 'string',
    placeholder: 'HOST:PORT',
    describe:
      "RabbitMQ: host:port of the broker's HTTP auth router (default 127.0.0.1:15690, as harness/rabbitmq/rabbitmq.conf names it)",
  },
  'broker-amqps': {
    type: 'string',
    placeholder: 'URL',
    describe:
      'RabbitMQ with the Fiks IO login: the AMQPS URL the written configs name, e.g. amqps://localhost:5674',
  },
  'broker-ca': {
    type: 'string',
    placeholder: 'FILE',
    requires: 'broker-amqps',
    describe: 'with --broker-amqps: the development CA of that listener, copied beside the configs',
  },
  'write-configs': {
    type: 'string',
    placeholder: 'DIR',
    describe: 'folder for one SDK config file per account (default: a new temporary folder)',
  },
} as const satisfies Record<string, OptionSpec>;

/**
 * The failure of listening on `--host`/`--port` as a typed error naming the flag (`PORT_IN_USE`,
 * `PORT_NOT_PERMITTED`, `HOST_NOT_AVAILABLE`), and a refused broker as `BROKER_UNREACHABLE`; other
 * errors unchanged.
 */
export function listenFailure(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new FiksError(
      'PORT_IN_USE',
      `--port ${port}: ${host}:${port} is in use; choose another, or 0 for a free one.`,
      {
        cause: error,
      },
    );
  if (code === 'EACCES')
    return new FiksError(
      'PORT_NOT_PERMITTED',
      `--port ${port}: this user may not listen on it; use a port above 1023, or 0.`,
      {
        cause: error,
      },
    );
  if (code === 'ECONNREFUSED')
    return new FiksError(
      'BROKER_UNREACHABLE',
      '--broker: the RabbitMQ server refused the connection; check that it runs.',
      {
        cause: error,
      },
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new FiksError(
      'HOST_NOT_AVAILABLE',
      `--host ${host}: no interface of this machine has that address.`,
      {
        cause: error,
      },
    );
  return error;
}

/**
 * Fails fast, before the accounts' keys are made, when `--port` cannot be listened on (the
 * emulator's own listen still decides; this only spares the wait).
 */
export function ensurePortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(listenFailure(error, host, port)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
