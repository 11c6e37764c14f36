// fiks-io-emulator's command line on the edges: flag values and ports, as one-line failures.
import { createServer } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, type Finished, runToEnd } from '../../../scripts/test-support/child-processes.js';

function failsWith(result: Finished, exitCode: number, code: string, mention: string): void {
  assert.is(result.code, exitCode, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.is(lines.length, 1, result.stderr);
  assert.match(lines[0]!, new RegExp(`^fiks-io-emulator: ${code}: `));
  assert.ok(lines[0]!.includes(mention), `${lines[0]} names ${mention}`);
}

test('--port out of range and a --broker that is no URL are usage errors (64) naming the flag', async () => {
  failsWith(await runToEnd(BIN.emulator, ['start', '--port', '99999']), 64, 'USAGE', '--port');
  failsWith(await runToEnd(BIN.emulator, ['start', '--port', 'eighty']), 64, 'USAGE', '--port');
  failsWith(await runToEnd(BIN.emulator, ['start', '--broker', 'rabbit']), 64, 'USAGE', '--broker');
});

test('a port in use: PORT_IN_USE naming --port, at once', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as { port: number };
  try {
    failsWith(
      await runToEnd(BIN.emulator, ['start', '--port', String(port)], { timeoutMs: 60_000 }),
      1,
      'PORT_IN_USE',
      `--port ${port}`,
    );
  } finally {
    taken.close();
  }
});

test('--help shows the start options; --version the package version', async () => {
  const help = await runToEnd(BIN.emulator, ['start', '--help']);
  assert.is(help.code, 0);
  for (const option of ['--port', '--host', '--broker', '--accounts', '--write-configs'])
    assert.ok(help.stdout.includes(option), option);
  const version = await runToEnd(BIN.emulator, ['--version']);
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
});

test.run();
