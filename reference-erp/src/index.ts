export { type Clock, clockOnDay, fixedClock, norwegianDateOf, systemClock } from './clock.js';
export { DEFAULT_ERP_CONFIG, type ErpConfig, type LateInterestRate } from './config/erp-config.js';
export { type ErpConfigOverrides, loadErpConfig, resolveErpConfig } from './config/load-erp-config.js';
export { ReferenceErp, type ReferenceErpOptions } from './erp/reference-erp.js';
export { ReferenceErpError } from './errors/reference-erp-error.js';
export type { InnsynFakturaRecord, OutboxEntry } from './ledger/innsyn-outbox.js';
export type { Invoice } from './ledger/invoice.js';
export type { IncomingPayment, PaymentResult } from './ledger/post-payment.js';
export { MESSAGE_TYPE } from './protocol/message-types.js';
export type { Innbygger, Reply } from './protocol/messages.js';
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
