// The portal and the reference ERP as two accounts on the SDK's in-process Fiks IO, with the ERP
// answering through `startErpService`. Used by the service tests and the benchmark.
import { randomUUID } from 'node:crypto';
import { FiksIoClient, ProtocolCatalog, ProtocolRequester } from '@fiks-faktura/sdk';
import { generateDevCertificate } from '@fiks-faktura/sdk/testing';
import { InProcessFiksIo } from '../../../../sdk/test/support/in-process-fiks-io.js';
import type { ReferenceErp } from '../../../src/erp/reference-erp.js';
import { type ErpService, type ErpServiceEvent, startErpService } from '../../../src/service/erp-service.js';

/** Protocol schemas, compiled once per process. */
export const catalog = ProtocolCatalog.load();

type Keys = Awaited<ReturnType<typeof generateDevCertificate>>;
let keys: Promise<{ portal: Keys; erp: Keys }> | undefined;

/** The portal's and the ERP's dev certificates, made once per process. */
export function partyKeys(): Promise<{ portal: Keys; erp: Keys }> {
  keys ??= Promise.all([
    generateDevCertificate({ commonName: 'Min kommune (test)' }),
    generateDevCertificate({ commonName: 'Fakturasystem (test)' }),
  ]).then(([portal, erp]) => ({ portal, erp }));
  return keys;
}

/** A Fiks IO client of `kontoId` on `platform`, signing and decrypting with `k`. */
export function platformClient(platform: InProcessFiksIo, kontoId: string, k: Keys): FiksIoClient {
  return new FiksIoClient({
    connection: platform.connection(kontoId),
    signer: { certificate: k.certificate, privateKey: k.privateKey },
    privateKeys: [k.privateKey],
  });
}

/** The in-process platform with a portal (requester) and the ERP's account. */
export interface ServicePlatform {
  platform: InProcessFiksIo;
  requester: ProtocolRequester;
  erpKontoId: string;
  /** Everything every started service reported, in order, with the service's start index. */
  events: (ErpServiceEvent & { instance: number })[];
  errors: Error[];
  /** Starts one more ERP service consuming the ERP account's queue (a competing consumer). */
  startService(erp: ReferenceErp): Promise<ErpService>;
  /** Resolves with the first event (already seen or still to come) that matches. */
  waitForEvent(
    match: (event: ErpServiceEvent & { instance: number }) => boolean,
    timeoutMs?: number,
  ): Promise<ErpServiceEvent & { instance: number }>;
  close(): Promise<void>;
}

/** Sets up the platform; the portal is listening for answers when it resolves. */
export async function servicePlatform(): Promise<ServicePlatform> {
  const { portal: portalKeys, erp: erpKeys } = await partyKeys();
  const platform = new InProcessFiksIo();
  const portalKontoId = randomUUID();
  const erpKontoId = randomUUID();
  platform.addAccount(portalKontoId, portalKeys.certificate);
  platform.addAccount(erpKontoId, erpKeys.certificate);
  const portal = platformClient(platform, portalKontoId, portalKeys);
  const requester = new ProtocolRequester(portal, catalog);
  await requester.start();
  const events: (ErpServiceEvent & { instance: number })[] = [];
  const errors: Error[] = [];
  const waiters = new Set<() => void>();
  const services: ErpService[] = [];
  return {
    platform,
    requester,
    erpKontoId,
    events,
    errors,
    async startService(erp) {
      const instance = services.length;
      const service = await startErpService({
        erp,
        client: platformClient(platform, erpKontoId, erpKeys),
        catalog,
        onEvent: (event) => {
          events.push({ ...event, instance });
          for (const wake of waiters) wake();
        },
        onError: (error) => errors.push(error),
      });
      services.push(service);
      return service;
    },
    waitForEvent(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching service event within ${timeoutMs} ms: ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      await Promise.all(services.map((s) => s.close({ graceMs: 2000 })));
      await portal.close({ graceMs: 1000 });
    },
  };
}
