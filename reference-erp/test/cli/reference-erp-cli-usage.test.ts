// reference-erp's command line on the edges: help, version, and one-line failures naming the cause.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BIN,
  type Finished,
  runToEnd,
  withoutDatabaseUrl,
} from '../../../scripts/test-support/child-processes.js';

const work = mkdtempSync(join(tmpdir(), 'reference-erp-cli-usage-'));
const erp = (args: string[], env: NodeJS.ProcessEnv = withoutDatabaseUrl()) =>
  runToEnd(BIN.erp, args, { env });

function failsWith(result: Finished, exitCode: number, code: string, mention: string): void {
  assert.is(result.code, exitCode, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.is(lines.length, 1, result.stderr);
  assert.match(lines[0]!, new RegExp(`^reference-erp: ${code}: `));
  assert.ok(lines[0]!.includes(mention), `${lines[0]} names ${mention}`);
}

test('--help lists the commands and the exit codes; --version the package version; bare: help, 64', async () => {
  const help = await erp(['--help']);
  assert.is(help.code, 0, help.stderr);
  for (const command of ['serve', 'seed', 'open-items', 'pay', 'run-jobs'])
    assert.match(help.stdout, new RegExp(`reference-erp ${command}`));
  assert.match(help.stdout, /^\s+2 {2}pay: refused/m);
  const version = await erp(['--version']);
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
  assert.is(version.stdout.trim(), pkg.version);
  const bare = await erp([]);
  assert.is(bare.code, 64);
  assert.match(bare.stdout, /reference-erp serve/);
});

test('DATABASE_URL that is not a postgres URL: DATABASE_URL_INVALID, the URL not repeated', async () => {
  const result = await erp(['open-items', '--payer', '12345678901'], {
    ...withoutDatabaseUrl(),
    DATABASE_URL: 'notaurl-secret',
  });
  failsWith(result, 1, 'DATABASE_URL_INVALID', 'DATABASE_URL');
  assert.not.ok(result.stderr.includes('notaurl-secret'));
});

test('an ERP config with a misspelt section and a bad value: both in one line, exit 1', async () => {
  const path = join(work, 'erp.json');
  writeFileSync(path, JSON.stringify({ defferal: { maxPerPayer: 2 }, jobs: { intervalSeconds: 0 } }));
  const result = await erp([
    'open-items',
    '--payer',
    '12345678901',
    '--data',
    join(work, 'data'),
    '--erp-config',
    path,
  ]);
  failsWith(result, 1, 'CONFIG_INVALID', 'did you mean deferral?');
  assert.ok(result.stderr.includes('jobs.intervalSeconds: must be at least 1, found 0'), result.stderr);
});

test('pay: the KID is kept as typed (leading zeros); flag mistakes are usage errors naming the flag', async () => {
  const unknownKid = await erp([
    'pay',
    '--kid',
    '0012345',
    '--beloep-oere',
    '100',
    '--data',
    join(work, 'data'),
  ]);
  failsWith(unknownKid, 1, 'KID_UNKNOWN', 'KID 0012345;');
  const misspelt = await erp(['pay', '--kid', '0012345', '--beloep-ore', '100']);
  failsWith(misspelt, 64, 'USAGE', 'Did you mean --beloep-oere?');
  const word = await erp(['pay', '--kid', '0012345', '--beloep-oere', 'hundred']);
  failsWith(word, 64, 'USAGE', '--beloep-oere takes a number');
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
