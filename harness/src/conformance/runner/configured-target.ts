import { readFile } from 'node:fs/promises';
import { createRemoteConnection, FiksError, loadConfigFile, readCertificate } from '@fiks-faktura/sdk';
import type { ConformanceTarget } from './conformance-target.js';
import { httpControl } from './platform-control.js';
import { httpTimeline } from './platform-timeline.js';

/** Where a configured run sends from, and to whom. */
export interface ConfiguredTargetOptions {
  /** `remote`: KS's Fiks IO (or any Fiks IO); `local`: our emulator started apart, which also gives its timeline. */
  kind: 'local' | 'remote';
  /** SDK config file of the harness's own account (Min kommune's side). */
  configPath: string;
  /** The vendor's account. */
  vendorKontoId: string;
  /** The emulator's URL, for its timeline (local only). */
  emulatorUrl?: string;
  /** The emulator's control token, when it listens beyond loopback (its ready line gives it). */
  emulatorToken?: string;
  /** The certificate the vendor signs with (PEM file); default: the account's catalog certificate. */
  vendorCertificatePath?: string;
}

/**
 * A target reached through an SDK config file: the harness's own Fiks IO account (KS's test
 * environment, or an emulator started as a separate process) sending to the vendor's account.
 * The vendor's certificate comes from the catalog unless one is given.
 */
export async function openConfiguredTarget(options: ConfiguredTargetOptions): Promise<ConformanceTarget> {
  const config = await loadConfigFile(options.configPath);
  const connection = createRemoteConnection(config);
  try {
    const vendorCertificate =
      options.vendorCertificatePath === undefined
        ? {
            pem: (await connection.recipientCertificate(options.vendorKontoId)).toString(),
            source: 'catalog' as const,
          }
        : {
            pem: readCertificate(await readFile(options.vendorCertificatePath, 'utf8')).toString(),
            source: 'given' as const,
          };
    return {
      kind: options.kind,
      harness: { connection, signer: config.signing, privateKeys: [...config.privateKeys] },
      vendorKontoId: options.vendorKontoId,
      vendorCertificate,
      ...(options.emulatorUrl === undefined
        ? {}
        : {
            platformTimeline: httpTimeline(options.emulatorUrl, fetch, options.emulatorToken),
            platformControl: httpControl(options.emulatorUrl, fetch, options.emulatorToken),
          }),
      close: async () => {
        await connection.close?.();
      },
    };
  } catch (error) {
    await connection.close?.().catch(() => undefined);
    if (error instanceof FiksError) throw error;
    throw new FiksError(
      'TARGET_UNREACHABLE',
      `The vendor's account ${options.vendorKontoId} could not be looked up: ${(error as Error).message}`,
    );
  }
}
