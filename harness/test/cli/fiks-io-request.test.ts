// `fiks-io request` and `fiks-io listen` against the emulator started by its own CLI, with the
// config files it wrote, in both back ends: the answer is printed typed and validated, and the
// exit code says what kind of answer it was (0 answer, 2 feilmelding, 3 deadline passed).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Finished, runToEnd } from '../../../scripts/test-support/child-processes.js';
import { RABBITMQ, RABBITMQ_URL, serviceAvailable } from '../../../scripts/test-support/services.js';
import type { EmulatorReadyLine } from '../../src/emulator/emulator-cli.js';

const emulatorBin = join(import.meta.dirname, '../../bin/fiks-io-emulator.mjs');
const fiksIoBin = join(import.meta.dirname, '../../../sdk/bin/fiks-io.mjs');
const PROTOCOL = 'no.ks.fiks.faktura.betalingsutsettelse';
const OPPRETT = `${PROTOCOL}.v1.opprett`;
const RESULTAT = `${PROTOCOL}.v1.opprett.resultat`;
const IKKEFUNNET = `${PROTOCOL}.v1.feilmelding.ikkefunnet`;
const example = (type: string, name: string) => join(protocolsRoot, `${PROTOCOL}/v1/examples`, type, name);
const requestFile = example(OPPRETT, 'person-efaktura.json');
const answerFile = example(RESULTAT, 'innvilget-efaktura.json');
const ikkefunnetFile = example(IKKEFUNNET, 'faktura-ukjent.json');

function runCli(args: string[], timeoutMs = 60_000): Promise<Finished> {
  return runToEnd(fiksIoBin, args, { timeoutMs });
}

function startEmulator(
  broker: string,
  dir: string,
): Promise<{ child: ChildProcessWithoutNullStreams; ready: EmulatorReadyLine }> {
  const child = spawn(
    process.execPath,
    [emulatorBin, 'start', '--port', '0', '--broker', broker, '--write-configs', join(dir, 'configs')],
    { stdio: 'pipe' },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve({ child, ready: JSON.parse(line) as EmulatorReadyLine }),
    );
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}: ${stderr}`)));
  });
}

function backendSuite(name: string, broker: string, available: () => Promise<boolean>): void {
  const test = suite<{ dir: string; child?: ChildProcessWithoutNullStreams; ready?: EmulatorReadyLine }>(
    `fiks-io request over the emulator (${name})`,
    { dir: '' },
  );
  let enabled = true;
  test.before(async (context) => {
    enabled = await available();
    if (!enabled) return;
    context.dir = await mkdtemp(join(tmpdir(), 'fiks-io-request-'));
    Object.assign(context, await startEmulator(broker, context.dir));
  });
  test.after(async ({ child, dir }) => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  const accounts = (ready: EmulatorReadyLine) => {
    const [klient, tjener] = ready.accounts;
    return { klient: klient!, tjener: tjener! };
  };

  /** `fiks-io request` of an OPPRETT payload file from the klient to the tjener account. */
  const request = (ready: EmulatorReadyLine, payloadFile: string, extra: string[] = []) => {
    const { klient, tjener } = accounts(ready);
    return runCli([
      'request',
      '--config',
      klient.config!,
      '--to',
      tjener.kontoId,
      '--type',
      OPPRETT,
      '--payload',
      payloadFile,
      ...extra,
    ]);
  };

  const answeredBy = async (
    ready: EmulatorReadyLine,
    answerType: string,
    file: string,
    extra: string[] = [],
  ) => {
    const { tjener } = accounts(ready);
    const listen = runCli([
      'listen',
      '--config',
      tjener.config!,
      '--count',
      '1',
      '--answer-type',
      answerType,
      '--answer-file',
      file,
    ]);
    const requested = await request(ready, requestFile, extra);
    return { requested, listened: await listen };
  };

  test('a normal answer prints {meldingType, payload, elapsedMs} and exits 0', async ({ ready }) => {
    if (!enabled) return;
    const { requested, listened } = await answeredBy(ready!, RESULTAT, answerFile);
    assert.is(requested.code, 0, requested.stderr);
    const printed = JSON.parse(requested.stdout) as {
      meldingType: string;
      payload: unknown;
      elapsedMs: number;
    };
    assert.is(printed.meldingType, RESULTAT);
    assert.equal(printed.payload, JSON.parse(await readFile(answerFile, 'utf8')));
    assert.type(printed.elapsedMs, 'number');
    assert.is(listened.code, 0, listened.stderr);
    const { tjener } = accounts(ready!);
    assert.ok(listened.stderr.includes(`{"ready":true,"kontoId":"${tjener.kontoId}"}\n`), listened.stderr);
    const received = JSON.parse(listened.stdout.trim().split('\n')[0]!) as {
      meldingType: string;
      files: { name: string }[];
    };
    assert.is(received.meldingType, OPPRETT);
    assert.equal(
      received.files.map((f) => f.name),
      ['payload.json'],
    );
  });

  test('a feilmelding answer exits 2', async ({ ready }) => {
    if (!enabled) return;
    const { requested } = await answeredBy(ready!, IKKEFUNNET, ikkefunnetFile);
    assert.is(requested.code, 2, requested.stderr);
    assert.is((JSON.parse(requested.stdout) as { meldingType: string }).meldingType, IKKEFUNNET);
  });

  test('no answer within the deadline exits 3 naming the code', async ({ ready }) => {
    if (!enabled) return;
    const requested = await request(ready!, requestFile, ['--deadline', '1500']);
    assert.is(requested.code, 3, requested.stderr);
    assert.match(requested.stderr, /^fiks-io: (DEADLINE_EXCEEDED|PLATFORM_TIMEOUT): /);
  });

  test('an answer that fails its schema exits 2, naming each failing field', async ({ ready }) => {
    if (!enabled) return;
    const { requested } = await answeredBy(ready!, RESULTAT, requestFile);
    assert.is(requested.code, 2, requested.stderr);
    assert.match(
      requested.stderr,
      /^fiks-io: SCHEMA_INVALID: The .*resultat answer fails its schema in \d+ field\(s\): \/\S+: must /,
    );
  });

  test('konto of an account the catalogue does not know fails with KONTO_NOT_FOUND, exit 1', async ({
    ready,
  }) => {
    if (!enabled) return;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const shown = await runCli(['konto', '--config', accounts(ready!).klient.config!, unknown]);
    assert.is(shown.code, 1, shown.stderr);
    assert.match(shown.stderr, new RegExp(`^fiks-io: KONTO_NOT_FOUND: .*${unknown}`));
    assert.is(shown.stdout, '');
  });

  test('a payload that fails its schema is refused before sending, exit 1', async ({ ready }) => {
    if (!enabled) return;
    const requested = await request(ready!, answerFile);
    assert.is(requested.code, 1);
    assert.match(requested.stderr, /^fiks-io: SCHEMA_INVALID: /);
  });

  test.run();
}

backendSuite('in-memory broker', 'memory', async () => true);
backendSuite('RabbitMQ', RABBITMQ_URL, () =>
  serviceAvailable(RABBITMQ, 'fiks-io request over the emulator (RabbitMQ)'),
);
