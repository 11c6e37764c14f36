import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const GiB_IN_MB = 1024;

test('a 1 GiB payload seals and opens with peak RSS under 200 MB and no temporary files left', () => {
  const privateTmp = mkdtempSync(join(tmpdir(), 'large-payload-test-'));
  const work = mkdtempSync(join(privateTmp, 'work-'));
  try {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'large-payload-child.ts'), work, String(GiB_IN_MB)],
      { env: { ...process.env, TMPDIR: privateTmp }, encoding: 'utf8', timeout: 150_000 },
    );
    assert.is(child.status, 0, child.stderr);
    const report = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
      maxRssKb: number;
      sealMs: number;
      openMs: number;
      sameContent: boolean;
      path: string;
    };
    console.log(
      `1 GiB: seal ${report.sealMs} ms, open ${report.openMs} ms, peak RSS ${Math.round(report.maxRssKb / 1024)} MiB`,
    );
    assert.ok(report.sameContent, 'the opened file differs from the input');
    assert.is(statSync(report.path).size, GiB_IN_MB * 1024 * 1024);
    assert.ok(report.maxRssKb < 200 * 1000, `peak RSS ${report.maxRssKb} kB`);
    assert.equal(
      readdirSync(privateTmp).filter((name) => !name.startsWith('work-') && !name.startsWith('tsx-')),
      [],
    );
  } finally {
    rmSync(privateTmp, { recursive: true, force: true });
  }
});

test.run();
