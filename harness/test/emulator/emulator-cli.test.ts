import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { validateConfigFile } from '@fiks-faktura/sdk';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { EmulatorReadyLine } from '../../src/emulator/emulator-cli.js';

const emulatorBin = join(import.meta.dirname, '../../bin/fiks-io-emulator.mjs');
const fiksIoBin = join(import.meta.dirname, '../../../sdk/bin/fiks-io.mjs');
const run = promisify(execFile);

interface Context {
  dir: string;
  child: ChildProcessWithoutNullStreams;
  ready: EmulatorReadyLine;
}

const test = suite<Context>('fiks-io-emulator CLI');

function readyLine(child: ChildProcessWithoutNullStreams): Promise<EmulatorReadyLine> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line) as EmulatorReadyLine));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ready: ${stderr}`)));
  });
}

test.before(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
  await writeFile(
    join(context.dir, 'accounts.json'),
    JSON.stringify({
      accounts: [
        { navn: 'Kommune Å', organisasjonsnummer: '944117784' },
        { navn: 'Leverandør', kontoId: '0b3e5c9a-6a53-4b8e-9f4c-1d2e3f405162' },
      ],
    }),
  );
  context.child = spawn(
    process.execPath,
    [
      emulatorBin,
      'start',
      '--port',
      '0',
      '--accounts',
      join(context.dir, 'accounts.json'),
      '--write-configs',
      join(context.dir, 'configs'),
    ],
    { stdio: 'pipe' },
  );
  context.ready = await readyLine(context.child);
});

test.after(async ({ child, dir }) => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

test('prints one JSON line with url, broker and an SDK config per account', async ({ ready, dir }) => {
  assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.is(ready.broker, 'memory');
  assert.equal(
    ready.accounts.map((a) => a.name),
    ['Kommune Å', 'Leverandør'],
  );
  assert.is(ready.accounts[1]!.kontoId, '0b3e5c9a-6a53-4b8e-9f4c-1d2e3f405162');
  assert.is(ready.accounts[0]!.config, join(dir, 'configs', 'kommune-a.json'));
  for (const account of ready.accounts) {
    const config = await validateConfigFile(JSON.parse(await readFile(account.config!, 'utf8')));
    assert.is(config.kontoId, account.kontoId);
    assert.is(config.receive?.type, 'websocket');
  }
});

test('the written configs work with the fiks-io CLI: konto, send, listen', async ({ ready }) => {
  const [a, b] = ready.accounts as [EmulatorReadyLine['accounts'][0], EmulatorReadyLine['accounts'][0]];
  const konto = await run(process.execPath, [fiksIoBin, 'konto', '--config', a.config!, b.kontoId]);
  assert.match(konto.stdout, b.kontoId);
  const sent = await run(process.execPath, [
    fiksIoBin,
    'send',
    '--config',
    a.config!,
    '--to',
    b.kontoId,
    '--type',
    'no.ks.fiks.faktura.test.v1.cli',
  ]);
  const meldingId = (JSON.parse(sent.stdout) as { meldingId: string }).meldingId;
  const listened = await run(process.execPath, [fiksIoBin, 'listen', '--config', b.config!, '--count', '1'], {
    timeout: 30_000,
  });
  const received = JSON.parse(listened.stdout.trim().split('\n')[0]!) as {
    meldingId: string;
    avsenderKontoId: string;
  };
  assert.is(received.meldingId, meldingId);
  assert.is(received.avsenderKontoId, a.kontoId);
});

test('SIGTERM shuts it down cleanly', async ({ child }) => {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.is(await exited, 0);
});

test.run();
