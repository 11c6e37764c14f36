// fiks-io's command-line behaviour on the edges: help, version, exit codes, one-line failures that
// name the flag or file, and nothing left behind by a failed command.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, type Finished, runToEnd } from '../../../scripts/test-support/child-processes.js';

const work = mkdtempSync(join(tmpdir(), 'fiks-io-cli-failures-'));
const at = (...parts: string[]) => join(work, ...parts);
const fiksIo = (...args: string[]) => runToEnd(BIN.fiksIo, args);
const version = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;

function failsWith(result: Finished, exitCode: number, code: string, mention?: string): void {
  assert.is(result.code, exitCode, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.is(lines.length, 1, result.stderr);
  assert.match(lines[0]!, new RegExp(`^fiks-io: ${code}: `));
  if (mention !== undefined) assert.ok(lines[0]!.includes(mention), `${lines[0]} names ${mention}`);
  assert.not.match(result.stderr, /\n\s+at /, 'no stack');
}

test('setup: two key pairs', async () => {
  for (const party of ['alice', 'bob']) {
    const made = await fiksIo('keygen', '--cn', party, '--out-dir', at(party));
    assert.is(made.code, 0, made.stderr);
  }
  writeFileSync(at('faktura.json'), '{"belop":1}');
});

test('-h and --help list the commands, their exit codes, on stdout with exit 0', async () => {
  for (const flag of ['-h', '--help']) {
    const help = await fiksIo(flag);
    assert.is(help.code, 0, help.stderr);
    for (const command of ['keygen', 'seal', 'open', 'send', 'listen', 'request', 'konto'])
      assert.match(help.stdout, new RegExp(`fiks-io ${command}`));
    assert.match(help.stdout, /Exit codes:/);
    for (const code of ['0', '1', '2', '3', '64'])
      assert.match(help.stdout, new RegExp(`^\\s+${code}  `, 'm'));
  }
  const seal = await fiksIo('seal', '--help');
  assert.is(seal.code, 0);
  for (const option of ['--to', '--cert', '--key', '--out']) assert.ok(seal.stdout.includes(option), option);
});

test('--version prints the version of the package.json', async () => {
  const shown = await fiksIo('--version');
  assert.is(shown.code, 0);
  assert.is(shown.stdout.trim(), version);
});

test('no arguments prints the help on stdout and exits 64', async () => {
  const bare = await fiksIo();
  assert.is(bare.code, 64);
  assert.match(bare.stdout, /fiks-io keygen/);
  assert.is(bare.stderr, '');
});

test('usage errors exit 64 and name the flag or command', async () => {
  failsWith(await fiksIo('bogus'), 64, 'USAGE', 'bogus');
  failsWith(await fiksIo('open', '--key', at('bob/key.pem')), 64, 'USAGE');
  failsWith(
    await fiksIo('send', '--config', 'c.json', '--to', 'x', '--type', 't', '--ttl', '10'),
    64,
    'USAGE',
    '--ttl',
  );
  failsWith(await fiksIo('listen', '--config', 'c.json', '--count', '0'), 64, 'USAGE', '--count');
});

test('seal with a key that is not of --cert: KEY_CERT_MISMATCH before anything is written', async () => {
  const result = await fiksIo(
    ...['seal', '--to', at('bob/cert.pem'), '--cert', at('alice/cert.pem'), '--key', at('bob/key.pem')],
    ...['--out', at('mismatch.cms'), at('faktura.json')],
  );
  failsWith(result, 1, 'KEY_CERT_MISMATCH', '--cert');
  assert.not.ok(existsSync(at('mismatch.cms')), 'no output file');
  assert.equal(
    readdirSync(work).filter((name) => name.includes('mismatch')),
    [],
    'no temporary file',
  );
});

test('seal --out in a missing folder: OUTPUT_UNWRITABLE naming --out', async () => {
  const result = await fiksIo(
    ...['seal', '--to', at('bob/cert.pem'), '--cert', at('alice/cert.pem'), '--key', at('alice/key.pem')],
    ...['--out', at('no/such/folder/x.cms'), at('faktura.json')],
  );
  failsWith(result, 1, 'OUTPUT_UNWRITABLE', '--out');
  assert.not.ok(existsSync(at('no')));
});

test('seal of a missing payload file: FILE_UNREADABLE naming it, no output', async () => {
  const result = await fiksIo(
    ...['seal', '--to', at('bob/cert.pem'), '--cert', at('alice/cert.pem'), '--key', at('alice/key.pem')],
    ...['--out', at('missing.cms'), at('nope.json')],
  );
  failsWith(result, 1, 'FILE_UNREADABLE', 'nope.json');
  assert.not.ok(existsSync(at('missing.cms')));
});

test('keygen keeps an existing key without --force, replaces it with --force', async () => {
  const before = readFileSync(at('alice/key.pem'), 'utf8');
  failsWith(await fiksIo('keygen', '--cn', 'x', '--out-dir', at('alice')), 1, 'KEY_EXISTS', '--force');
  assert.is(readFileSync(at('alice/key.pem'), 'utf8'), before);
  const forced = await fiksIo('keygen', '--cn', 'x', '--out-dir', at('alice'), '--force');
  assert.is(forced.code, 0, forced.stderr);
  assert.is.not(readFileSync(at('alice/key.pem'), 'utf8'), before);
});

test('keygen into a folder that cannot be made fails at once, naming --out-dir', async () => {
  const started = performance.now();
  const result = await runToEnd(BIN.fiksIo, ['keygen', '--cn', 'x', '--out-dir', '/proc/nope/keys'], {
    timeoutMs: 30_000,
  });
  failsWith(result, 1, 'OUTPUT_UNWRITABLE', '--out-dir');
  assert.ok(performance.now() - started < 25_000, 'did not spin until killed');
});

test('a failed open leaves no output folder behind', async () => {
  const sealed = await fiksIo(
    ...['seal', '--to', at('bob/cert.pem'), '--cert', at('alice/cert.pem'), '--key', at('alice/key.pem')],
    ...['--out', at('to-bob.cms'), at('faktura.json')],
  );
  assert.is(sealed.code, 0, sealed.stderr);
  failsWith(
    await fiksIo('open', '--key', at('alice/key.pem'), '--out', at('opened/deep'), at('to-bob.cms')),
    1,
    'NO_MATCHING_KEY',
  );
  assert.not.ok(existsSync(at('opened')), 'the folder open made is gone');
  const opened = await fiksIo(
    'open',
    '--key',
    at('bob/key.pem'),
    '--out',
    at('opened/deep'),
    at('to-bob.cms'),
  );
  assert.is(opened.code, 0, opened.stderr);
  assert.ok(existsSync(at('opened/deep/faktura.json')));
});

test('listen with a missing --answer-file names the flag', async () => {
  failsWith(
    await fiksIo('listen', '--config', 'c.json', '--answer-type', 't', '--answer-file', at('nope.json')),
    1,
    'FILE_UNREADABLE',
    '--answer-file',
  );
});

test('--debug and DEBUG=1 add the stack after the failure line', async () => {
  const args = ['open', '--key', at('nope.pem'), at('to-bob.cms')];
  for (const run of [
    () => fiksIo(...args, '--debug'),
    () => runToEnd(BIN.fiksIo, args, { env: { ...process.env, DEBUG: '1' } }),
  ]) {
    const result = await run();
    assert.is(result.code, 1);
    assert.match(result.stderr, /^fiks-io: FILE_UNREADABLE: .*\n/);
    assert.match(result.stderr, /\n\s+at /);
  }
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
