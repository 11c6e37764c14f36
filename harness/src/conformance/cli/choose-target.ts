import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CalendarDate, FiksError, type ProtocolCatalog } from '@fiks-faktura/sdk';
import { openConfiguredTarget } from '../runner/configured-target.js';
import type { ConformanceTarget } from '../runner/conformance-target.js';
import { startLocalEmulatorTarget } from '../runner/local-emulator-target.js';
import type { RunArgs } from './run-options.js';

function usage(message: string): FiksError {
  return new FiksError('USAGE', message);
}

/**
 * Checks the combination of target options before anything starts (single flags and the pairs
 * `requires` declares are checked as they are parsed).
 */
export function checkTargetOptions(args: RunArgs): void {
  const needsAccount = args.target === 'remote' || (args.target === 'local' && args.emulator !== undefined);
  if (needsAccount && (args.config === undefined || args.vendor === undefined))
    throw usage(
      args.target === 'remote'
        ? '--target remote needs --config (the harness account) and --vendor (the account under test)'
        : '--target local --emulator needs --config (the harness account) and --vendor (the account under test)',
    );
  if (args.target === 'embedded')
    for (const flag of [
      'config',
      'vendor',
      'emulator',
      'emulator-token',
      'vendor-cert',
      'write-configs',
    ] as const)
      if (args[flag] !== undefined) throw usage(`--${flag} does not apply to --target embedded`);
  if (args.target === 'remote' && args.emulator !== undefined)
    throw usage(
      '--emulator applies to --target local; a remote run has only the harness’s own timing points',
    );
}

/** Opens the target the options name; the embedded one is loaded only when asked for. */
export async function chooseTarget(
  args: RunArgs,
  context: { today: CalendarDate; catalog: ProtocolCatalog; announce: (line: string) => void },
): Promise<ConformanceTarget> {
  if (args.target === 'embedded') {
    const { startEmbeddedTarget } = await import('../../embedded/embedded-target.js');
    return startEmbeddedTarget({ today: context.today, catalog: context.catalog });
  }
  if (args.target === 'remote' || args.emulator !== undefined)
    return openConfiguredTarget({
      kind: args.target,
      configPath: args.config!,
      vendorKontoId: args.vendor!,
      ...(args.emulator === undefined ? {} : { emulatorUrl: args.emulator }),
      ...(args['emulator-token'] === undefined ? {} : { emulatorToken: args['emulator-token'] }),
      ...(args['vendor-cert'] === undefined ? {} : { vendorCertificatePath: args['vendor-cert'] }),
    });
  const dir = args['write-configs'] ?? (await mkdtemp(join(tmpdir(), 'fiks-conformance-')));
  return startLocalEmulatorTarget({
    broker: args.broker,
    writeConfigs: dir,
    waitSeconds: args.wait,
    ...(args.port === undefined ? {} : { port: args.port }),
    onReady: (line) => context.announce(JSON.stringify(line)),
  });
}
