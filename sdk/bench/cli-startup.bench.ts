// Start-up of the built `fiks-io` command line: wall time of `fiks-io --help` and of `fiks-io open`
// of a 4 KiB message, next to `node -e 0` and `openssl cms -decrypt` of a comparable message,
// measured in the same run and printed as ratios. It runs the command line as installed: the
// bundle in sdk/dist/bundle/. The goal is under 150 ms for both on an idle machine; the ratios are
// what to compare between runs. Needs the build (`npm run build`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './median.js';

const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 9);
const GOAL_MS = 150;
const sdk = join(import.meta.dirname, '..');
const bin = join(sdk, 'bin/fiks-io.mjs');

// The built command, as users run it: without the development `source` condition and tsx.
const { NODE_OPTIONS: _development, ...env } = process.env;

/** The median wall time of a command, in ms (it must succeed). */
function wallMs(command: string, args: string[]): number {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  }
  return median(times);
}

function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

if (!existsSync(join(sdk, 'dist/bundle/fiks-io.js'))) {
  console.log('SKIP cli-startup: sdk/dist is not built; run `npm run build` first');
} else {
  const work = mkdtempSync(join(tmpdir(), 'fiks-io-startup-bench-'));
  try {
    const at = (name: string) => join(work, name);
    const fiksIo = (...args: string[]) => execFileSync(process.execPath, [bin, ...args], { env });
    fiksIo('keygen', '--cn', 'bench', '--out-dir', work);
    writeFileSync(at('faktura.json'), JSON.stringify({ data: 'x'.repeat(4096 - 12) }));
    const keys = ['--to', at('cert.pem'), '--cert', at('cert.pem'), '--key', at('key.pem')];
    fiksIo('seal', ...keys, '--out', at('payload.cms'), at('faktura.json'));

    const rows: [string, number][] = [['node -e 0', wallMs(process.execPath, ['-e', '0'])]];
    if (hasOpenssl()) {
      execFileSync('openssl', [
        ...['cms', '-encrypt', '-binary', '-aes-256-cbc', '-outform', 'DER'],
        ...['-in', at('faktura.json'), '-out', at('openssl.cms'), at('cert.pem')],
      ]);
      const decrypt = [
        'cms',
        '-decrypt',
        '-inform',
        'DER',
        '-in',
        at('openssl.cms'),
        '-inkey',
        at('key.pem'),
      ];
      rows.push(['openssl cms -decrypt (4 KiB)', wallMs('openssl', [...decrypt, '-out', at('openssl.out')])]);
    } else console.log('(openssl is not installed: no openssl baseline)');
    const help = wallMs(process.execPath, [bin, '--help']);
    const open = wallMs(process.execPath, [
      bin,
      'open',
      '--key',
      at('key.pem'),
      '--out',
      at('out'),
      at('payload.cms'),
    ]);
    rows.push(['fiks-io --help', help], ['fiks-io open (4 KiB)', open]);

    const node = rows[0]![1];
    const openssl = rows.find(([name]) => name.startsWith('openssl'))?.[1];
    console.log(`median wall time of ${ROUNDS} runs each (built JavaScript, no tsx)`);
    for (const [name, ms] of rows) {
      const ratios = [`${(ms / node).toFixed(2)}× node -e 0`];
      if (openssl !== undefined) ratios.push(`${(ms / openssl).toFixed(1)}× openssl`);
      console.log(`  ${name.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms   ${ratios.join(', ')}`);
    }
    for (const [name, ms] of [
      ['fiks-io --help', help],
      ['fiks-io open', open],
    ] as const)
      console.log(`  ${name}: ${ms < GOAL_MS ? 'within' : 'over'} the ${GOAL_MS} ms goal`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
