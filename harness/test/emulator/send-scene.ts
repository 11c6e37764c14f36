// A running emulator in a fresh folder with two accounts, for tests that post send requests
// themselves: Kommune A's integration headers and the metadata of a message to Fakturasystem B.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FiksIoEmulator,
  type FiksIoEmulatorOptions,
  startFiksIoEmulator,
} from '../../src/emulator/fiks-io-emulator.js';
import { TYPE } from './scenario-support.js';
import { sendHeaders } from './streamed-send.js';

export interface SendScene {
  emulator: FiksIoEmulator;
  /** The scene's folder: the emulator's data in `data`, the accounts' SDK configs in `configs`. */
  dir: string;
  headers: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** Starts the emulator in a new folder named after `prefix`, with `limits` on top of the two accounts. */
export async function startSendScene(
  prefix: string,
  limits: Omit<FiksIoEmulatorOptions, 'accounts' | 'dataDir' | 'writeConfigs'>,
): Promise<SendScene> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const emulator = await startFiksIoEmulator({
    accounts: { accounts: [{ navn: 'Kommune A' }, { navn: 'Fakturasystem B' }] },
    dataDir: join(dir, 'data'),
    writeConfigs: join(dir, 'configs'),
    ...limits,
  });
  const a = emulator.account('Kommune A');
  const headers = await sendHeaders(emulator.configs.get(a.kontoId)!);
  const metadata = {
    avsenderKontoId: a.kontoId,
    mottakerKontoId: emulator.account('Fakturasystem B').kontoId,
    meldingType: TYPE,
  };
  return { emulator, dir, headers, metadata };
}

/** Closes the emulator and removes the scene's folder. */
export async function closeSendScene({ emulator, dir }: SendScene): Promise<void> {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
}
