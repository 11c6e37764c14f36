import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCommandLine } from '@fiks-faktura/sdk/testing';
import type { CommandModule } from 'yargs';
import { readAccountsFile } from './accounts-file.js';
import { brokerOption, ensurePortFree, listenFailure, portOption } from './emulator-start-options.js';
import { startFiksIoEmulator } from './fiks-io-emulator.js';

/** The line `fiks-io-emulator start` prints once ready. */
export interface EmulatorReadyLine {
  url: string;
  broker: string;
  accounts: { kontoId: string; name: string; config: string | null }[];
  /**
   * Listening beyond loopback: the bearer token the emulator's own `/emulator/*` endpoints require,
   * also written to `controlTokenFile` beside the configs.
   */
  controlToken?: string;
  controlTokenFile?: string;
  /**
   * RabbitMQ: `fiks-io` when the broker asks the emulator (clients log in as at Fiks IO), or
   * `broker-user` (the configs carry the broker's own user).
   */
  brokerLogin?: 'fiks-io' | 'broker-user';
}

/** Name of the file beside the configs that holds the control token. */
export const CONTROL_TOKEN_FILE = 'emulator-control-token';

interface StartArgs {
  port: number;
  host: string;
  broker: string;
  accounts?: string;
  writeConfigs?: string;
  data?: string;
  dataQuota?: number;
  brokerAuth?: string;
  brokerAmqps?: string;
  brokerCa?: string;
}

async function start(args: StartArgs): Promise<void> {
  await ensurePortFree(args.host, args.port);
  const dir = args.writeConfigs ?? (await mkdtemp(join(tmpdir(), 'fiks-io-emulator-')));
  const emulator = await startFiksIoEmulator({
    port: args.port,
    host: args.host,
    broker: args.broker,
    writeConfigs: dir,
    ...(args.data === undefined ? {} : { dataDir: args.data }),
    ...(args.dataQuota === undefined ? {} : { dataQuotaBytes: args.dataQuota }),
    ...(args.brokerAuth === undefined ? {} : { brokerAuth: args.brokerAuth }),
    ...(args.brokerAmqps === undefined ? {} : { brokerAmqps: args.brokerAmqps }),
    ...(args.brokerCa === undefined ? {} : { brokerCa: args.brokerCa }),
    ...(args.accounts === undefined ? {} : { accounts: await readAccountsFile(args.accounts) }),
  }).catch((error: unknown) => Promise.reject(listenFailure(error, args.host, args.port)));
  const ready: EmulatorReadyLine = {
    url: emulator.url,
    broker: emulator.broker,
    accounts: emulator.accounts.map((a) => ({
      kontoId: a.kontoId,
      name: a.navn,
      config: emulator.configs.get(a.kontoId) ?? null,
    })),
  };
  if (emulator.brokerLogin !== undefined) ready.brokerLogin = emulator.brokerLogin;
  if (emulator.controlToken !== undefined) {
    ready.controlToken = emulator.controlToken;
    ready.controlTokenFile = resolve(dir, CONTROL_TOKEN_FILE);
    await writeFile(ready.controlTokenFile, `${emulator.controlToken}\n`, { mode: 0o600 });
  }
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.close();
}

const startCommand: CommandModule<object, StartArgs> = {
  command: 'start',
  describe:
    'Start a local Fiks IO (HTTP API, Maskinporten-style /token, broker) and print one JSON line once ready',
  builder: (y) =>
    y
      .option('port', {
        type: 'number',
        default: 0,
        coerce: portOption,
        describe: 'HTTP port (0: a free one; the printed url says which)',
      })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe:
          'interface to listen on; beyond loopback the /emulator/* endpoints require the printed controlToken',
      })
      .option('broker', {
        type: 'string',
        default: 'memory',
        coerce: brokerOption,
        describe: 'memory, or a RabbitMQ URL amqp://user:pass@host:5672',
      })
      .option('accounts', {
        type: 'string',
        describe:
          'accounts file (JSON, accounts.schema.json); default: two generated accounts. With --data, only for a data folder without accounts',
      })
      .option('data', {
        type: 'string',
        describe:
          'data folder: payloads and Dokumentlager files on disk, and the accounts kept across restarts (default: a temporary folder, removed at the end)',
      })
      .option('data-quota', {
        type: 'number',
        describe: 'bytes of payloads the data folder holds at most (default 2 GiB); beyond, sends get 507',
      })
      .option('broker-auth', {
        type: 'string',
        describe:
          "RabbitMQ: host:port of the broker's HTTP auth router (default 127.0.0.1:15690, as harness/rabbitmq/rabbitmq.conf names it)",
      })
      .option('broker-amqps', {
        type: 'string',
        describe:
          'RabbitMQ with the Fiks IO login: the AMQPS URL the written configs name, e.g. amqps://localhost:5674',
      })
      .option('broker-ca', {
        type: 'string',
        describe: 'with --broker-amqps: the development CA of that listener, copied beside the configs',
      })
      .option('write-configs', {
        type: 'string',
        describe: 'folder for one SDK config file per account (default: a new temporary folder)',
      }) as never,
  handler: (argv) => start(argv),
};

await runCommandLine({
  scriptName: 'fiks-io-emulator',
  packageJson: new URL('../../package.json', import.meta.url),
  commands: [startCommand],
});
