// `fiks-conformance run` refuses flags that would be ignored or make no sense, before anything
// starts: usage errors (exit 64), one line naming the flag.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, type Finished, runToEnd } from '../../../../scripts/test-support/child-processes.js';

function usageError(result: Finished, ...named: string[]): void {
  assert.is(result.code, 64, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.is(lines.length, 1, result.stderr);
  assert.match(lines[0]!, /^fiks-conformance: USAGE: /);
  for (const flag of named) assert.ok(lines[0]!.includes(flag), `${lines[0]} names ${flag}`);
  assert.is(result.stdout, '', 'nothing ran');
}

test('--dashboard-keep without --dashboard is a usage error, not silently ignored', async () => {
  usageError(await runToEnd(BIN.conformance, ['run', '--dashboard-keep']), '--dashboard-keep', '--dashboard');
});

test('--emulator-token without --emulator, and bad numbers, are usage errors naming the flag', async () => {
  usageError(
    await runToEnd(BIN.conformance, ['run', '--target', 'local', '--emulator-token', 't']),
    '--emulator-token',
    '--emulator',
  );
  usageError(await runToEnd(BIN.conformance, ['run', '--min-coverage', '101']), '--min-coverage');
  usageError(await runToEnd(BIN.conformance, ['run', '--concurrency', '1.5']), '--concurrency');
  usageError(await runToEnd(BIN.conformance, ['run', '--wait', '-1']), '--wait');
  usageError(await runToEnd(BIN.conformance, ['run', '--target', 'elsewhere']), '--target');
});

test('run --help lists the flags with their values and its own exit codes', async () => {
  const help = await runToEnd(BIN.conformance, ['run', '--help']);
  assert.is(help.code, 0, help.stderr);
  for (const term of ['--dashboard [PORT]', '--dashboard-keep', '--min-coverage PCT', '--[no-]generated'])
    assert.ok(help.stdout.includes(term), term);
  assert.match(help.stdout, /^ {3}2 {2}no case failed but some errored/m);
});

test.run();
