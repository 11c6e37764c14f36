import { fileURLToPath } from 'node:url';

/** Absolute path of the protocols folder: one sub-folder per protocol, one per major version. */
export const protocolsRoot: string = fileURLToPath(new URL('.', import.meta.url));

/** Absolute path of the shared fixture ledger folder. */
export const fixturesRoot: string = fileURLToPath(new URL('./fixtures/', import.meta.url));
