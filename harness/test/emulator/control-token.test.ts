// The emulator's own endpoints (/emulator/*) show and steer every account's traffic: open on
// loopback, behind a control token when the emulator listens beyond it.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { httpControl } from '../../src/conformance/runner/platform-control.js';
import { httpTimeline } from '../../src/conformance/runner/platform-timeline.js';
import type { EmulatorReadyLine } from '../../src/emulator/emulator-cli.js';
import { startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';

const test = suite('Fiks IO emulator: control token');
const emulatorBin = join(import.meta.dirname, '../../bin/fiks-io-emulator.mjs');

/** The emulator's URL as reached from this machine. */
const reachable = (url: string) => url.replace('://0.0.0.0:', '://127.0.0.1:');

test('on loopback /emulator/* is open and no token is made', async () => {
  const emulator = await startFiksIoEmulator({ accounts: { accounts: [{ navn: 'A' }] } });
  try {
    assert.is(emulator.controlToken, undefined);
    assert.is((await fetch(`${emulator.url}/emulator/timeline`)).status, 200);
  } finally {
    await emulator.close();
  }
});

test('beyond loopback /emulator/* needs the generated token; the Fiks IO API does not change', async () => {
  const emulator = await startFiksIoEmulator({ host: '0.0.0.0', accounts: { accounts: [{ navn: 'A' }] } });
  try {
    const url = reachable(emulator.url);
    const token = emulator.controlToken;
    assert.ok(token !== undefined && token.length >= 32, 'a token is generated');
    const kontoId = emulator.accounts[0]!.kontoId;
    for (const [method, path] of [
      ['GET', '/emulator/timeline'],
      ['GET', '/emulator/innsyn'],
      ['POST', `/emulator/kontoer/${kontoId}/hold`],
      ['POST', `/emulator/kontoer/${kontoId}/release`],
      ['POST', '/emulator/meldinger/00000000-0000-0000-0000-000000000000/redeliver'],
    ] as const) {
      const open = await fetch(`${url}${path}`, { method });
      assert.is(open.status, 401, `${method} ${path} without the token`);
      assert.is(((await open.json()) as { errorCode: string }).errorCode, 'UNAUTHORIZED');
      const wrong = await fetch(`${url}${path}`, { method, headers: { Authorization: 'Bearer nope' } });
      assert.is(wrong.status, 401, `${method} ${path} with a wrong token`);
    }
    const allowed = await fetch(`${url}/emulator/timeline`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.is(allowed.status, 200);
    assert.is((await fetch(`${url}/fiks-io/katalog/api/v1/kontoer/${kontoId}/offentligNokkel`)).status, 200);

    const control = httpControl(url, fetch, token);
    await control.holdDelivery(kontoId);
    await control.releaseDelivery(kontoId);
    let refused = '';
    await httpControl(url)
      .holdDelivery(kontoId)
      .catch((error: Error) => {
        refused = error.message;
      });
    assert.match(refused, /401/);
    assert.equal(await httpTimeline(url, fetch, token).pointsOf('x', undefined), {});
  } finally {
    await emulator.close();
  }
});

test('fiks-io-emulator start --host 0.0.0.0 prints the token and writes it beside the configs', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-token-'));
  let child: ChildProcessWithoutNullStreams | undefined;
  try {
    child = spawn(process.execPath, [emulatorBin, 'start', '--host', '0.0.0.0', '--write-configs', dir], {
      stdio: 'pipe',
    });
    const spawned = child;
    const ready = await new Promise<EmulatorReadyLine>((resolve, reject) => {
      createInterface({ input: spawned.stdout }).once('line', (line) =>
        resolve(JSON.parse(line) as EmulatorReadyLine),
      );
      spawned.once('exit', (code) => reject(new Error(`exited with ${code} before ready`)));
    });
    assert.ok(ready.controlToken, 'the ready line carries the token');
    assert.is(ready.controlTokenFile, join(dir, 'emulator-control-token'));
    assert.is((await readFile(ready.controlTokenFile!, 'utf8')).trim(), ready.controlToken);
    assert.is((await stat(ready.controlTokenFile!)).mode & 0o077, 0, 'only the owner may read it');
    const url = reachable(ready.url);
    assert.is((await fetch(`${url}/emulator/timeline`)).status, 401);
    const allowed = await fetch(`${url}/emulator/timeline`, {
      headers: { Authorization: `Bearer ${ready.controlToken}` },
    });
    assert.is(allowed.status, 200);
  } finally {
    if (child?.exitCode === null) child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
