import { FiksError, readPrivateKey, type Signer } from '@fiks-faktura/sdk';
import { type FiksIoEmulator, startFiksIoEmulator } from '../../emulator/index.js';
import type { ConformanceTarget } from './conformance-target.js';
import { inProcessControl } from './platform-control.js';
import { inProcessTimeline } from './platform-timeline.js';

/** The line `fiks-conformance run --target local` prints once the emulator is up. */
export interface LocalTargetReadyLine {
  emulator: string;
  broker: string;
  /** The vendor's account: point the invoicing system at this config. */
  vendor: { kontoId: string; name: string; config: string | null };
  harness: { kontoId: string; name: string };
}

/** Settings of {@link startLocalEmulatorTarget}. */
export interface LocalEmulatorTargetOptions {
  /** `memory` or a RabbitMQ URL. */
  broker: string;
  /** Where the accounts' SDK config files are written. */
  writeConfigs: string;
  /** HTTP port of the emulator (0: a free one). */
  port?: number;
  /** How long to wait for the vendor's system to consume its queue. */
  waitSeconds: number;
  /** Told once the emulator is up, before waiting. */
  onReady: (line: LocalTargetReadyLine) => void;
}

const HARNESS_ACCOUNT = 'Min kommune (klient)';
const VENDOR_ACCOUNT = 'Fakturasystem (tjener)';

async function waitForConsumer(emulator: FiksIoEmulator, kontoId: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while ((await emulator.consumerCount(kontoId)) === 0) {
    if (Date.now() >= until)
      throw new FiksError(
        'VENDOR_NOT_CONNECTED',
        `No system consumed the vendor's queue fiksio.konto.${kontoId} within ${seconds} s (--wait); start it with the printed config`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The local target: the harness starts the emulator itself (in memory, or on RabbitMQ), writes
 * the vendor's config, says so on one JSON line, and waits until the vendor's system consumes its
 * queue. The harness's own account lives in this process; the vendor connects from anywhere.
 */
export async function startLocalEmulatorTarget(
  options: LocalEmulatorTargetOptions,
): Promise<ConformanceTarget> {
  const emulator = await startFiksIoEmulator({
    broker: options.broker,
    writeConfigs: options.writeConfigs,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  try {
    const harness = emulator.account(HARNESS_ACCOUNT);
    const vendor = emulator.account(VENDOR_ACCOUNT);
    options.onReady({
      emulator: emulator.url,
      broker: emulator.broker,
      vendor: {
        kontoId: vendor.kontoId,
        name: vendor.navn,
        config: emulator.configs.get(vendor.kontoId) ?? null,
      },
      harness: { kontoId: harness.kontoId, name: harness.navn },
    });
    await waitForConsumer(emulator, vendor.kontoId, options.waitSeconds);
    const signer: Signer = {
      certificate: harness.certificate,
      privateKey: readPrivateKey(harness.privateKeyPem!),
    };
    return {
      kind: 'local',
      harness: { connection: emulator.connection(harness.kontoId), signer, privateKeys: [signer.privateKey] },
      vendorKontoId: vendor.kontoId,
      vendorName: vendor.navn,
      vendorCertificate: { pem: vendor.certificate.toString(), source: 'catalog' },
      platformTimeline: inProcessTimeline(emulator.timeline),
      platformControl: inProcessControl(emulator),
      close: () => emulator.close(),
    };
  } catch (error) {
    await emulator.close().catch(() => undefined);
    throw error;
  }
}
