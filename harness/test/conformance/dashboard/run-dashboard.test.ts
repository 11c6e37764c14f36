// `run --dashboard [PORT]`: the flag's value, and the server's life: it starts before the run and
// closes when the run ends, also when the run fails.
import { request } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dashboardPort, withDashboard } from '../../../src/conformance/cli/run-dashboard.js';
import type { LiveRun } from '../../../src/conformance/dashboard/index.js';

function reachable(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Runs `body` with what is written on stderr collected in `lines` instead. */
async function capturingStderr(lines: string[], body: () => Promise<void>): Promise<void> {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    await body();
  } finally {
    process.stderr.write = write;
  }
}

test('--dashboard takes no port (a free one), 0, or a port; anything else is a usage error', () => {
  assert.is(dashboardPort(undefined), undefined);
  assert.is(dashboardPort(''), 0);
  assert.is(dashboardPort('0'), 0);
  assert.is(dashboardPort('8123'), 8123);
  for (const bad of ['x', '-1', '65536', '80.5', ' 80'])
    assert.throws(
      () => dashboardPort(bad),
      (e: Error & { code?: string }) => e.code === 'USAGE' && e.message.includes('--dashboard'),
      bad,
    );
});

test('without --dashboard the run gets no live view', async () => {
  let given: LiveRun | undefined | null = null;
  await withDashboard({ 'dashboard-keep': false }, async (live) => {
    given = live;
  });
  assert.is(given, undefined);
});

test('the server is up during the run, its URL on stderr, and closed when the run ends, also by failure', async () => {
  for (const outcome of ['ends', 'fails'] as const) {
    let url = '';
    let upDuringRun = false;
    const lines: string[] = [];
    await capturingStderr(lines, async () => {
      const run = withDashboard({ dashboard: '', 'dashboard-keep': false }, async (live) => {
        assert.ok(live !== undefined);
        url = /Dashboard: (\S+)/.exec(lines.join(''))?.[1] ?? '';
        upDuringRun = url !== '' && (await reachable(url));
        if (outcome === 'fails') throw new Error('the run failed');
      });
      await run.then(
        () => assert.is(outcome, 'ends'),
        (error: Error) => assert.is(error.message, 'the run failed'),
      );
    });
    assert.match(lines.join(''), /^Dashboard: http:\/\/127\.0\.0\.1:\d+\/\n/);
    assert.ok(upDuringRun, `${outcome}: not reachable during the run`);
    assert.not.ok(await reachable(url), `${outcome}: still reachable after the run`);
  }
});

test.run();
