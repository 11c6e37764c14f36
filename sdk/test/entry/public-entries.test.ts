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

test('the command-line entry exports exactly the names in its snapshot', () => {
  assertNames('../../src/command-line.ts', 'cli-entry-names.txt');
});

test('no name is exported by two entries', () => {
  const entries = ['main-entry-names.txt', 'testing-entry-names.txt', 'cli-entry-names.txt'];
  const names = entries.flatMap((file) => snapshot(file));
  assert.equal(
    names.filter((name, index) => names.indexOf(name) !== index),
    [],
  );
});

test('the package resolves @fiks-faktura/sdk/testing to the testing entry', async () => {
  const testing = await import('@fiks-faktura/sdk/testing');
  const main = await import('@fiks-faktura/sdk');
  assert.type(testing.MemoryBroker, 'function');
  assert.is((main as Record<string, unknown>)['MemoryBroker'], undefined);
  assert.is((main as Record<string, unknown>)['generateDevCertificate'], undefined);
});

test('the package resolves @fiks-faktura/sdk/cli to the command-line entry, which loads no SDK core', async () => {
  const cli = await import('@fiks-faktura/sdk/cli');
  assert.type(cli.runCommandLine, 'function');
  assert.type(cli.defineCommand, 'function');
  assert.is((cli as Record<string, unknown>)['FiksIoClient'], undefined);
});

test.run();
