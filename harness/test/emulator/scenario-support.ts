// What the emulator scenarios share: the message type they send, an SDK client from the config
// written for an account, and asserting a rejection's error code.
import { createFiksIoClientFromFile, isFiksError } from '@fiks-faktura/sdk';
import * as assert from 'uvu/assert';
import type { FiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';

export const TYPE = 'no.ks.fiks.faktura.test.v1.melding';

/** A client of the account from the SDK config file the emulator wrote for it. */
export function httpClient(emulator: FiksIoEmulator, navn: string) {
  const path = emulator.configs.get(emulator.account(navn).kontoId);
  assert.ok(path, `a config was written for ${navn}`);
  return createFiksIoClientFromFile(path);
}

/** Awaits `promise` and asserts it rejects with `code`; returns the error. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isFiksError<string>(error, code), `expected ${code}, got ${String(error)}`);
    return error;
  }
  assert.unreachable(`expected ${code}`);
}
