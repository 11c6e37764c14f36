import { fileURLToPath } from 'node:url';

/**
 * The package root, found through the package's own `package.json`: the same folder whether this
 * runs from the TypeScript source or from the built `dist/`.
 */
const packageRoot = new URL('./', import.meta.resolve('@fiks-faktura/protocols/package.json'));

/** Absolute path of the protocols folder: one sub-folder per protocol, one per major version. */
export const protocolsRoot: string = fileURLToPath(packageRoot);

/** Absolute path of the shared fixture ledger folder. */
export const fixturesRoot: string = fileURLToPath(new URL('./fixtures/', packageRoot));
