import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineCommand, runCommandLine } from '@fiks-faktura/sdk/cli';
import { readAccountsFile } from './accounts-file.js';
import { ensurePortFree, listenFailure, START_OPTIONS } from './emulator-start-options.js';
import { startFiksIoEmulator } from './fiks-io-emulator.js';
import { checkKeptAccountsMatch } from './kept-accounts.js';

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

/** The accounts file's accounts, once checked against those the data folder keeps. */
async function accountsOf(args: StartArgs) {
  if (args.accounts === undefined) return undefined;
  const accounts = await readAccountsFile(args.accounts);
  if (args.data !== undefined) await checkKeptAccountsMatch(args.accounts, accounts, args.data);
  return accounts;
}

async function start(args: StartArgs): Promise<void> {
  await ensurePortFree(args.host, args.port);
  const accounts = await accountsOf(args);
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
    ...(accounts === undefined ? {} : { accounts }),
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

const startCommand = defineCommand<StartArgs>({
  name: 'start',
  describe:
    'Start a local Fiks IO (HTTP API, Maskinporten-style /token, broker) and print one JSON line once ready',
  options: START_OPTIONS,
  run: start,
});

await runCommandLine({
  scriptName: 'fiks-io-emulator',
  packageJson: new URL('../../package.json', import.meta.url),
  commands: [startCommand],
});
