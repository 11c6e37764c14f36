import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exportedNames } from './entry-names.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const snapshot = (file: string): string[] => readFileSync(here(file), 'utf8').split('\n').filter(Boolean);

/** Compares an entry's names with its snapshot, naming what was added and what went missing. */
function assertNames(entry: string, snapshotFile: string): void {
  const actual = exportedNames(here(entry));
  const expected = snapshot(snapshotFile);
  const added = actual.filter((name) => !expected.includes(name));
  const missing = expected.filter((name) => !actual.includes(name));
  assert.equal(
    { added, missing },
    { added: [], missing: [] },
    `${entry} exports differ from ${snapshotFile}; a deliberate change updates the snapshot`,
  );
}

test('the main entry exports exactly the names in its snapshot', () => {
  assertNames('../../src/index.ts', 'main-entry-names.txt');
});

test('the testing entry exports exactly the names in its snapshot', () => {
  assertNames('../../src/testing.ts', 'testing-entry-names.txt');
});

test('no name is exported by both entries', () => {
  const main = snapshot('main-entry-names.txt');
  assert.equal(
    snapshot('testing-entry-names.txt').filter((name) => main.includes(name)),
    [],
  );
});

test('the package resolves @fiks-faktura/sdk/testing to the testing entry', async () => {
  const testing = await import('@fiks-faktura/sdk/testing');
  const main = await import('@fiks-faktura/sdk');
  assert.type(testing.MemoryBroker, 'function');
  assert.type(testing.runCommandLine, 'function');
  assert.is((main as Record<string, unknown>)['MemoryBroker'], undefined);
  assert.is((main as Record<string, unknown>)['generateDevCertificate'], undefined);
});

test.run();
