// `npm run bench`: runs every `*.bench.ts` of the workspaces one after another (never in parallel,
// so they do not disturb each other's figures), or the ones whose path contains an argument.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const benches = ['sdk', 'harness', 'reference-erp']
  .flatMap((workspace) => {
    const dir = join(root, workspace, 'bench');
    try {
      return readdirSync(dir)
        .filter((name) => name.endsWith('.bench.ts'))
        .map((name) => relative(root, join(dir, name)));
    } catch {
      return [];
    }
  })
  .filter((path) => filters.length === 0 || filters.some((f) => path.includes(f)));

let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', bench], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
if (failed > 0) {
  console.error(`${failed} benchmark(s) failed`);
  process.exitCode = 1;
}
