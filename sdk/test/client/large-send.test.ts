// FiksIoClient.send of a 1 GiB payload streams it: the sending process's peak RSS (VmHWM) stays
// under 200 MB while a local HTTP sink receives every byte, and no temporary file is left.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runToEnd } from '../../../scripts/test-support/child-processes.js';

const GiB_IN_MB = 1024;

test('a 1 GiB send keeps peak RSS under 200 MB and leaves no temporary file', async () => {
  let received = 0;
  const sink = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    request.on('end', () => {
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ meldingId: '55555555-5555-4555-8555-555555555555' }));
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const privateTmp = mkdtempSync(join(tmpdir(), 'large-send-test-'));
  const work = mkdtempSync(join(privateTmp, 'work-'));
  try {
    const { code, stdout, stderr } = await runToEnd(
      join(import.meta.dirname, 'large-send-child.ts'),
      [`http://127.0.0.1:${(sink.address() as AddressInfo).port}`, work, String(GiB_IN_MB)],
      { env: { ...process.env, TMPDIR: privateTmp }, timeoutMs: 240_000 },
    );
    assert.is(code, 0, stderr);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as { vmHwmKb: number; sendMs: number };
    console.log(`1 GiB send: ${report.sendMs} ms, peak RSS ${Math.round(report.vmHwmKb / 1024)} MiB`);
    assert.ok(received > GiB_IN_MB * 1024 * 1024, `the sink received only ${received} bytes`);
    assert.ok(report.vmHwmKb < 200 * 1000, `peak RSS ${report.vmHwmKb} kB`);
    assert.equal(
      readdirSync(privateTmp).filter((name) => !name.startsWith('work-') && !name.startsWith('tsx-')),
      [],
    );
  } finally {
    sink.close();
    rmSync(privateTmp, { recursive: true, force: true });
  }
});

test.run();
