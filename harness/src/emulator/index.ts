// The local Fiks IO emulator: its public surface.
export type { EmulatorAccount, MaskinportenClient } from './account-registry.js';
export { type AccountSpec, type AccountsSpec, DEFAULT_ACCOUNTS } from './account-setup.js';
export { accountsSchemaPath, readAccountsFile } from './accounts-file.js';
export type { BrokerBackend } from './broker-backend.js';
export { EmulatorError } from './emulator-error.js';
export type { ErrorMessage } from './error-message.js';
export { type FiksIoEmulator, type FiksIoEmulatorOptions, startFiksIoEmulator } from './fiks-io-emulator.js';
export type { SendtMeldingApiModel } from './melding-spesifikasjon.js';
export { DEFAULT_QUOTA_BYTES, type PayloadStore, type StoredPayload } from './payload-store.js';
export { Timeline, type TimelineEvent, type TimelineEventType } from './timeline.js';
