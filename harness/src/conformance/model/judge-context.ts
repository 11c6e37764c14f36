import type { CalendarDate, loadProtocolSpecs, ProtocolCatalog } from '@fiks-faktura/sdk';

/**
 * What the checks may consult besides the recorded exchange: the specification (schemas, the
 * generated registry, code lists), the run's day and the vendor's certificate. All of it is data
 * fixed before the run, so judging stays a pure function.
 */
export interface JudgeContext {
  /** The generated registry joined with the schemas (tolerant: open message roots). */
  catalog: ProtocolCatalog;
  /** The same with the strict overlay: unknown properties fail here and are reported as warnings. */
  strictCatalog: ProtocolCatalog;
  /** The run's day (Norwegian calendar), which "today" means in the rules. */
  today: CalendarDate;
  /**
   * The certificate the vendor signs with (PEM). `given`: the user named it, a different signer
   * fails; `catalog`: the account's published certificate, a different signer only warns (a vendor
   * may sign with its enterprise certificate).
   */
  vendorCertificate?: { pem: string; source: 'given' | 'catalog' };
  /**
   * The protocol specifications the catalogues were loaded from (the checks read the code lists
   * here). Default: the `protocols` workspace, loaded once.
   */
  protocolSpecs?: ReturnType<typeof loadProtocolSpecs>;
}
