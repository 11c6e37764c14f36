export { type Clock, clockOnDay, fixedClock, norwegianDateOf, systemClock } from './clock.js';
export { DEFAULT_ERP_CONFIG, type ErpConfig, type LateInterestRate } from './config/erp-config.js';
export { type ErpConfigOverrides, loadErpConfig, resolveErpConfig } from './config/load-erp-config.js';
export {
  type ErpAnswer,
  ReferenceErp,
  type ReferenceErpOptions,
  type RequestContext,
} from './erp/reference-erp.js';
export { ReferenceErpError } from './errors/reference-erp-error.js';
export type { InnsynFakturaRecord, OutboxEntry } from './ledger/innsyn-outbox.js';
export type { Invoice } from './ledger/invoice.js';
export type { IncomingPayment, PaymentResult } from './ledger/post-payment.js';
export {
  type AnyErpRequest,
  DECIDED_PROTOCOLS,
  type ErpReply,
  type ErpRequestType,
  erpRequestTypes,
  type Innbygger,
} from './protocol/erp-protocols.js';
export { lateInterestOere } from './rules/late-interest-amount.js';
export { InterestRateUnknownError, lateInterestRateOn } from './rules/late-interest-rate.js';
export { LATE_INTEREST_TABLE, type LateInterestTable } from './rules/late-interest-table.js';
export { type FixtureLedger, readFixtureLedger } from './seed/fixture-ledger.js';
export { type SeedResult, seedFromFixtures } from './seed/seed-from-fixtures.js';
export {
  type ErpService,
  type ErpServiceEvent,
  type ErpServiceOptions,
  startErpService,
} from './service/erp-service.js';
export type { Database, Queryable } from './store/database.js';
export { migrate } from './store/migrate.js';
export { openPgliteDatabase, type PgliteOptions } from './store/pglite-database.js';
export { openPostgresDatabase, type PostgresOptions } from './store/postgres-database.js';
