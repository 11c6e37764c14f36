import {
  clockOnDay,
  openPgliteDatabase,
  ReferenceErp,
  readFixtureLedger,
  seedFromFixtures,
  startErpService,
} from '@fiks-faktura/reference-erp';
import {
  type CalendarDate,
  FiksIoClient,
  type ProtocolCatalog,
  readPrivateKey,
  type Signer,
} from '@fiks-faktura/sdk';
import type { ConformanceTarget } from '../conformance/runner/conformance-target.js';
import { inProcessControl } from '../conformance/runner/platform-control.js';
import { inProcessTimeline } from '../conformance/runner/platform-timeline.js';
import { type FiksIoEmulator, startFiksIoEmulator } from '../emulator/index.js';

/** What a {@link FiksIoClient} is built from: the account's connection, signer and keys. */
export type VendorClientOptions = ConstructorParameters<typeof FiksIoClient>[0];

/** The accounts of the embedded run: the emulator's two default accounts. */
export const KLIENT_ACCOUNT = 'Min kommune (klient)';
export const TJENER_ACCOUNT = 'Fakturasystem (tjener)';

function signerOf(emulator: FiksIoEmulator, name: string): Signer {
  const account = emulator.account(name);
  return { certificate: account.certificate, privateKey: readPrivateKey(account.privateKeyPem!) };
}

/**
 * The embedded target: the Fiks IO emulator (in-memory broker) and the reference invoicing system
 * (PGlite in memory, the fixture ledger seeded on `today`, its clock on that day) in this process,
 * the ERP answering on its own account exactly as a vendor's system would over Fiks IO. The
 * harness talks to it only through the platform.
 */
export async function startEmbeddedTarget(options: {
  today: CalendarDate;
  catalog: ProtocolCatalog;
  /**
   * Replaces the invoicing system's Fiks IO client with one that wraps it (the self-test's
   * deliberately broken vendors); the reference ERP itself stays as it is. `vendor` is what the
   * client was built from (the account's connection, signer and keys), for a wrapper that sends
   * what the client itself would never send.
   */
  wrapVendorClient?: (client: FiksIoClient, vendor: VendorClientOptions) => FiksIoClient;
}): Promise<ConformanceTarget> {
  const emulator = await startFiksIoEmulator();
  const closers: (() => Promise<void>)[] = [() => emulator.close()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const db = await openPgliteDatabase();
    closers.push(() => db.close());
    const erp = await ReferenceErp.open({ db, clock: clockOnDay(options.today) });
    await seedFromFixtures(db, readFixtureLedger(), { today: options.today });
    const tjener = emulator.account(TJENER_ACCOUNT);
    const erpSigner = signerOf(emulator, TJENER_ACCOUNT);
    const erpClientOptions: VendorClientOptions = {
      connection: emulator.connection(tjener.kontoId),
      signer: erpSigner,
      privateKeys: [erpSigner.privateKey],
    };
    const erpClient = new FiksIoClient(erpClientOptions);
    closers.push(() => erpClient.close());
    const vendorClient = options.wrapVendorClient?.(erpClient, erpClientOptions) ?? erpClient;
    const service = await startErpService({ erp, client: vendorClient, catalog: options.catalog });
    closers.push(() => service.close({ graceMs: 2_000 }));
    const klient = emulator.account(KLIENT_ACCOUNT);
    const harnessSigner = signerOf(emulator, KLIENT_ACCOUNT);
    return {
      kind: 'embedded',
      harness: {
        connection: emulator.connection(klient.kontoId),
        signer: harnessSigner,
        privateKeys: [harnessSigner.privateKey],
      },
      vendorKontoId: tjener.kontoId,
      vendorName: tjener.navn,
      vendorCertificate: { pem: tjener.certificate.toString(), source: 'catalog' },
      platformTimeline: inProcessTimeline(emulator.timeline),
      platformControl: inProcessControl(emulator),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
