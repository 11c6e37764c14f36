// The packages as a user gets them: built, packed with `npm pack`, installed from the tarballs
// into an empty folder without dev dependencies (so without tsx or TypeScript), and used from
// there: each CLI's --help, a fiks-io keygen/seal/open round trip, and a plain `node` import of
// each package. Slow-ish (one build, one install), so everything shares one packed install.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const WORKSPACES = ['protocols', 'sdk', 'reference-erp', 'harness'];
const CLIS = ['fiks-io', 'fiks-io-emulator', 'fiks-conformance', 'reference-erp'];
/** Paths that must never ship: tests, benchmarks, test support, Java sources, build state. */
const NOT_SHIPPED = [
  /(^|\/)test\//,
  /(^|\/)bench\//,
  /\.test\.[cm]?[jt]s$/,
  /\.bench\./,
  /\.java$/,
  /tsbuildinfo/,
];

const work = mkdtempSync(join(tmpdir(), 'packed-install-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');

/**
 * The environment of a user's shell: no source condition or tsx in NODE_OPTIONS (the test runner
 * sets both) and none of the `npm_*` variables `npm test` passes down.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_') && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return env;
}

function run(command: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: userEnv(), encoding: 'utf8', input, timeout: 600_000 });
}

function succeeded(result: SpawnSyncReturns<string>, what: string): string {
  assert.is(result.status, 0, `${what} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}

interface PackedFile {
  path: string;
}
interface Packed {
  name: string;
  filename: string;
  files: PackedFile[];
}
let packed: Packed[] = [];

test('every package builds and packs', () => {
  succeeded(run('npm', ['run', 'build'], repoRoot), 'npm run build');
  mkdirSync(tarballs);
  const workspaceFlags = WORKSPACES.flatMap((w) => ['-w', w]);
  const out = succeeded(
    run(
      'npm',
      ['pack', ...workspaceFlags, '--pack-destination', tarballs, '--json', '--ignore-scripts'],
      repoRoot,
    ),
    'npm pack',
  );
  packed = JSON.parse(out) as Packed[];
});

test.after(() => {
  rmSync(work, { recursive: true, force: true });
});

test('each tarball holds the built code, the LICENSE and README, and no tests, benchmarks or Java', () => {
  assert.equal(packed.map((p) => p.name).sort(), WORKSPACES.map((w) => `@fiks-faktura/${w}`).sort());
  for (const { name, files } of packed) {
    const paths = files.map((f) => f.path);
    const unwanted = paths.filter((path) => NOT_SHIPPED.some((pattern) => pattern.test(path)));
    assert.equal(unwanted, [], `${name} ships ${unwanted.join(', ')}`);
    assert.ok(paths.includes('LICENSE'), `${name} has no LICENSE`);
    assert.ok(paths.includes('dist/index.js'), `${name} has no dist/index.js`);
    assert.ok(paths.includes('dist/index.d.ts'), `${name} has no dist/index.d.ts`);
  }
  const protocols = packed.find((p) => p.name === '@fiks-faktura/protocols')!.files.map((f) => f.path);
  assert.ok(protocols.includes('no.ks.fiks.faktura.avdrag/v1/meldingstyper.json'), 'protocol data missing');
  assert.ok(protocols.includes('fixtures/ledger.json'), 'fixture ledger missing');
});

test('the tarballs install into an empty folder without dev dependencies', () => {
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'packed-install-check', private: true }));
  const files = packed.map((p) => join(tarballs, p.filename));
  succeeded(
    run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', ...files], app),
    'npm install of the tarballs',
  );
  assert.not.ok(existsSync(join(app, 'node_modules/tsx')), 'tsx was installed');
  assert.not.ok(existsSync(join(app, 'node_modules/typescript')), 'typescript was installed');
});

test('every CLI answers --help from the installed package', () => {
  for (const cli of CLIS) {
    const help = succeeded(run(join(app, 'node_modules/.bin', cli), ['--help'], app), `${cli} --help`);
    assert.match(help, new RegExp(`${cli}`), `${cli} --help names no command`);
  }
});

test('fiks-io runs from its bundle, and reads its config schema from there', () => {
  const fiksIo = (...args: string[]) => run(join(app, 'node_modules/.bin/fiks-io'), args, app);
  writeFileSync(join(work, 'bad-config.json'), JSON.stringify({ kontoId: 5 }));
  const konto = fiksIo('konto', '--config', join(work, 'bad-config.json'));
  assert.is(konto.status, 1, konto.stderr);
  assert.match(konto.stderr, /^fiks-io: CONFIG_INVALID: .*kontoId/);
  const version = fiksIo('--version');
  assert.is(
    version.stdout.trim(),
    JSON.parse(readFileSync(join(repoRoot, 'sdk/package.json'), 'utf8')).version,
  );
  assert.ok(existsSync(join(app, 'node_modules/@fiks-faktura/sdk/dist/bundle/fiks-io.js')), 'no bundle');
});

test('fiks-io keygen, seal and open round-trip a file from the installed package', () => {
  const fiksIo = (...args: string[]) => run(join(app, 'node_modules/.bin/fiks-io'), args, app);
  succeeded(fiksIo('keygen', '--cn', 'alice kommune', '--out-dir', join(work, 'alice')), 'keygen alice');
  succeeded(fiksIo('keygen', '--cn', 'bob kommune', '--out-dir', join(work, 'bob')), 'keygen bob');
  const invoice = JSON.stringify({ fakturanummer: 'F-1', belop: 1200 });
  writeFileSync(join(work, 'faktura.json'), invoice);
  succeeded(
    fiksIo(
      ...['seal', '--to', join(work, 'bob/cert.pem'), '--cert', join(work, 'alice/cert.pem')],
      ...[
        '--key',
        join(work, 'alice/key.pem'),
        '--out',
        join(work, 'payload.cms'),
        join(work, 'faktura.json'),
      ],
    ),
    'seal',
  );
  const opened = succeeded(
    fiksIo(
      ...['open', '--key', join(work, 'bob/key.pem'), '--trust', join(work, 'alice/cert.pem')],
      ...['--out', join(work, 'opened'), join(work, 'payload.cms')],
    ),
    'open',
  );
  assert.is(readFileSync(join(work, 'opened/faktura.json'), 'utf8'), invoice);
  assert.match(JSON.parse(opened).signer.subject, /CN=alice kommune/);
});

test('a plain node import of each package loads its built entry', () => {
  const script = `
    const sdk = await import('@fiks-faktura/sdk');
    const sdkTesting = await import('@fiks-faktura/sdk/testing');
    const sdkCli = await import('@fiks-faktura/sdk/cli');
    const erp = await import('@fiks-faktura/reference-erp');
    const harness = await import('@fiks-faktura/harness');
    const emulator = await import('@fiks-faktura/harness/emulator');
    const conformance = await import('@fiks-faktura/harness/conformance');
    const { protocolsRoot } = await import('@fiks-faktura/protocols');
    const { readFixtureLedger } = await import('@fiks-faktura/protocols/fixtures/ledger.js');
    console.log(JSON.stringify({
      counts: [sdk, sdkTesting, sdkCli, erp, harness, emulator, conformance].map((m) => Object.keys(m).length),
      urls: [import.meta.resolve('@fiks-faktura/sdk'), import.meta.resolve('@fiks-faktura/harness')],
      protocolsRoot,
      ledgerPayers: readFixtureLedger().betalere.length,
    }));
  `;
  const out = succeeded(run(process.execPath, ['--input-type=module', '-'], app, script), 'node import');
  const loaded = JSON.parse(out) as {
    counts: number[];
    urls: string[];
    protocolsRoot: string;
    ledgerPayers: number;
  };
  for (const count of loaded.counts) assert.ok(count > 0, 'a package entry exports nothing');
  for (const url of loaded.urls)
    assert.match(url, /\/node_modules\/@fiks-faktura\/[a-z-]+\/dist\/index\.js$/);
  assert.ok(existsSync(join(loaded.protocolsRoot, 'conformance/case.schema.json')), loaded.protocolsRoot);
  assert.ok(loaded.ledgerPayers > 0);
});

test.run();
