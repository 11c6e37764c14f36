// Bounded memory: an emulator process takes three 300 MiB sends at once, and a download of one,
// with its peak resident memory (VmHWM) under 250 MB: payloads stream to and from its data folder.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, type Started, startUntilReady } from '../../../scripts/test-support/child-processes.js';
import type { EmulatorReadyLine } from '../../src/emulator/emulator-cli.js';
import { TYPE } from './scenario-support.js';
import { sendHeaders, streamedSend } from './streamed-send.js';

const MiB = 1024 * 1024;
const PAYLOAD_BYTES = 300 * MiB;
const PEAK_LIMIT_BYTES = 250 * 1000 * 1000;

interface Context {
  dir: string;
  emulator: Started<EmulatorReadyLine>;
}

const test = suite<Context>('Fiks IO emulator: bounded memory');

/** The process's peak resident memory so far, in bytes (Linux's VmHWM). */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  assert.ok(kib, 'VmHWM in /proc/<pid>/status');
  return Number(kib) * 1024;
}

test.before(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'emulator-memory-'));
  context.emulator = await startUntilReady<EmulatorReadyLine>(BIN.emulator, [
    'start',
    '--data',
    join(context.dir, 'data'),
    '--write-configs',
    join(context.dir, 'configs'),
  ]);
});

test.after(async ({ emulator, dir }) => {
  await emulator?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('three 300 MiB sends at once and a download: peak RSS under 250 MB, the payloads on disk', async ({
  emulator,
  dir,
}) => {
  const { ready, child } = emulator;
  const [a, b] = ready.accounts;
  const headers = await sendHeaders(a!.config!);
  const metadata = { avsenderKontoId: a!.kontoId, mottakerKontoId: b!.kontoId, meldingType: TYPE };
  const answers = await Promise.all(
    [1, 2, 3].map(() => streamedSend(ready.url, headers, metadata, PAYLOAD_BYTES)),
  );
  for (const answer of answers) assert.is(answer.status, 202, JSON.stringify(answer));
  const files = await readdir(join(dir, 'data', 'payloads'));
  assert.is(files.length, 3);
  for (const file of files) assert.is((await stat(join(dir, 'data', 'payloads', file))).size, PAYLOAD_BYTES);
  const afterSends = await peakRss(child.pid!);
  assert.ok(afterSends < PEAK_LIMIT_BYTES, `peak RSS after the sends: ${(afterSends / MiB).toFixed(0)} MiB`);

  const first = JSON.parse((answers[0] as { body: string }).body) as { dokumentlagerId: string };
  const download = await fetch(`${ready.url}/dokumentlager/nedlasting/${first.dokumentlagerId}`, {
    headers: await sendHeaders(b!.config!),
  });
  assert.is(download.status, 200);
  let received = 0;
  for await (const chunk of download.body!) received += (chunk as Uint8Array).byteLength;
  assert.is(received, PAYLOAD_BYTES);
  const afterDownload = await peakRss(child.pid!);
  assert.ok(
    afterDownload < PEAK_LIMIT_BYTES,
    `peak RSS after the download: ${(afterDownload / MiB).toFixed(0)} MiB`,
  );
  assert.is(child.exitCode, null, 'the emulator is still running');
});

test.run();
