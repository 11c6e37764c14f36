import type { CalendarDate, FiksIoClient, ProtocolCatalog } from '@fiks-faktura/sdk';
import type { CaseResult } from '../conformance/model/case-result.js';
import type { ResolvedCase } from '../conformance/model/resolved-case.js';
import { runSuite } from '../conformance/runner/run-suite.js';
import { startEmbeddedTarget, type VendorClientOptions } from '../embedded/embedded-target.js';

/** What a run of the suite against one vendor needs. */
export interface RunAgainstOptions {
  cases: readonly ResolvedCase[];
  today: CalendarDate;
  catalog: ProtocolCatalog;
  strictCatalog: ProtocolCatalog;
  /** Cases in flight at once (default 8). */
  concurrency?: number;
  /** Wraps the reference ERP's Fiks IO client (a mutant); without it the ERP is sound. */
  wrapVendorClient?: (client: FiksIoClient, vendor: VendorClientOptions) => FiksIoClient;
}

/**
 * Runs `cases` against a fresh embedded target (own emulator, own ledger) and returns each case's
 * result. The vendor's certificate counts as given, as for a vendor who names the certificate it
 * signs with: a reply signed by any other certificate fails, not only warns.
 */
export async function runAgainst(options: RunAgainstOptions): Promise<CaseResult[]> {
  const { cases, today, catalog, strictCatalog } = options;
  const target = await startEmbeddedTarget({
    today,
    catalog,
    ...(options.wrapVendorClient === undefined ? {} : { wrapVendorClient: options.wrapVendorClient }),
  });
  try {
    const vendorCertificate =
      target.vendorCertificate === undefined
        ? undefined
        : { ...target.vendorCertificate, source: 'given' as const };
    const run = await runSuite({
      cases,
      target: { ...target, ...(vendorCertificate === undefined ? {} : { vendorCertificate }) },
      catalog,
      judge: { strictCatalog, today },
      concurrency: options.concurrency ?? 8,
    });
    return run.cases;
  } finally {
    await target.close();
  }
}
