// The runner's test bench: the in-memory emulator, a scripted vendor on its tjener account, the
// harness on its klient account, and a reply collector; plus small builders of steps and cases.
import { ProtocolCatalog, readPrivateKey } from '@fiks-faktura/sdk';
import type { ResolvedCase, ResolvedStep } from '../../../src/conformance/model/resolved-case.js';
import type { ConformanceTarget } from '../../../src/conformance/runner/conformance-target.js';
import { inProcessControl } from '../../../src/conformance/runner/platform-control.js';
import { inProcessTimeline } from '../../../src/conformance/runner/platform-timeline.js';
import { ReplyCollector } from '../../../src/conformance/runner/reply-collector.js';
import type { CaseRunContext } from '../../../src/conformance/runner/run-case.js';
import { type FiksIoEmulator, startFiksIoEmulator } from '../../../src/emulator/index.js';
import { ERROR_REPLY, startScriptedVendor } from './scripted-vendor.js';

export const REQUEST = 'no.ks.fiks.faktura.avdrag.v1.opprett';

/** What a runner test works with. */
export interface RunnerFixture {
  emulator: FiksIoEmulator;
  target: ConformanceTarget;
  catalog: ProtocolCatalog;
  collector: ReplyCollector;
  ctx: CaseRunContext;
  close(): Promise<void>;
}

/** Starts the bench; `ctx` takes the given timings (deadline, grace, settle). */
export async function startRunnerFixture(
  timings: Pick<CaseRunContext, 'lateGraceMs' | 'settleMs' | 'deadlineMs'>,
): Promise<RunnerFixture> {
  const emulator = await startFiksIoEmulator();
  const vendor = await startScriptedVendor(emulator, 'Fakturasystem (tjener)');
  const klient = emulator.account('Min kommune (klient)');
  const tjener = emulator.account('Fakturasystem (tjener)');
  const privateKey = readPrivateKey(klient.privateKeyPem!);
  const target: ConformanceTarget = {
    kind: 'embedded',
    harness: {
      connection: emulator.connection(klient.kontoId),
      signer: { certificate: klient.certificate, privateKey },
      privateKeys: [privateKey],
    },
    vendorKontoId: tjener.kontoId,
    platformTimeline: inProcessTimeline(emulator.timeline),
    platformControl: inProcessControl(emulator),
    close: async () => undefined,
  };
  const catalog = ProtocolCatalog.load();
  const collector = new ReplyCollector(target.harness, catalog);
  await collector.start();
  return {
    emulator,
    target,
    catalog,
    collector,
    ctx: { target, catalog, collector, ...timings },
    async close() {
      await collector.close();
      await vendor.close();
      await emulator.close();
    },
  };
}

/** A request step to the scripted vendor, expecting its error reply. */
export function step(payload: Record<string, unknown>, extra: Partial<ResolvedStep> = {}): ResolvedStep {
  return {
    kind: 'send',
    requestType: REQUEST,
    payload,
    attachments: [],
    headers: {},
    expect: { replyTypes: [ERROR_REPLY], assertions: [] },
    ...extra,
  };
}

/** A read-only case of the given steps. */
export function testCase(id: string, steps: ResolvedStep[]): ResolvedCase {
  return {
    id,
    protocol: 'no.ks.fiks.faktura.avdrag',
    version: 'v1',
    title: id,
    situation: 'F',
    spec: [],
    books: false,
    invoices: [],
    steps,
    source: 'test',
  };
}
