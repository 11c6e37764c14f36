// The emulator as its own process, as a vendor starts it, and the harness run against its accounts.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BIN,
  type Finished,
  runToEnd,
  type Started,
  startUntilReady,
} from '../../../../scripts/test-support/child-processes.js';

/** One account of the emulator's ready line. */
export interface EmulatorAccountLine {
  kontoId: string;
  name: string;
  config: string;
}

/** A running emulator process with its two default accounts. */
export interface EmulatorProcess {
  process: Started<{ url: string; accounts: EmulatorAccountLine[] }>;
  url: string;
  /** Min kommune's side: the account the harness sends from. */
  klient: EmulatorAccountLine;
  /** The invoicing system's account. */
  vendor: EmulatorAccountLine;
}

/** Starts `fiks-io-emulator start` with its configs in a new folder (and the given extra options). */
export async function startEmulatorProcess(extraArgs: string[] = []): Promise<EmulatorProcess> {
  const configs = await mkdtemp(join(tmpdir(), 'conformance-emulator-'));
  const process = await startUntilReady<{ url: string; accounts: EmulatorAccountLine[] }>(BIN.emulator, [
    'start',
    '--write-configs',
    configs,
    ...extraArgs,
  ]);
  const account = (role: string) => process.ready.accounts.find((a) => a.name.includes(role))!;
  return { process, url: process.ready.url, klient: account('klient'), vendor: account('tjener') };
}

/** Runs `fiks-conformance run` from the emulator's klient account against its vendor account. */
export async function runAgainst(
  emulator: EmulatorProcess,
  target: 'local' | 'remote',
  extraArgs: string[],
): Promise<Finished & { reports: string }> {
  const reports = await mkdtemp(join(tmpdir(), 'conformance-report-'));
  const run = await runToEnd(BIN.conformance, [
    'run',
    '--target',
    target,
    ...(target === 'local' ? ['--emulator', emulator.url] : []),
    '--config',
    emulator.klient.config,
    '--vendor',
    emulator.vendor.kontoId,
    '--report-dir',
    reports,
    ...extraArgs,
  ]);
  return { ...run, reports };
}
