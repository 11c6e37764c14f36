import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = join(import.meta.dirname, '../..');

function runScript(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, script), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('generate --help and lint:protocols -h print the options and exit codes, and do nothing else', () => {
  const generate = runScript('scripts/generate/main.ts', '--help');
  assert.is(generate.code, 0, generate.stderr);
  assert.match(generate.stdout, /^Usage: generate \[options\]/);
  for (const text of ['--check', '--root DIR', '--out DIR', 'Exit codes:', '64  usage error'])
    assert.ok(generate.stdout.includes(text), text);
  const lint = runScript('scripts/lint-protocols/main.ts', '-h');
  assert.is(lint.code, 0, lint.stderr);
  assert.match(lint.stdout, /^Usage: lint:protocols \[options\]/);
  assert.not.match(lint.stdout, /protocols clean|\d+ finding/);
});

test('an unknown option is one USAGE line with exit 64', () => {
  for (const [script, name] of [
    ['scripts/generate/main.ts', 'generate'],
    ['scripts/lint-protocols/main.ts', 'lint:protocols'],
  ] as const) {
    const result = runScript(script, '--bogus');
    assert.is(result.code, 64, result.stderr);
    assert.is(result.stdout, '');
    const lines = result.stderr.trim().split('\n');
    assert.is(lines.length, 1, result.stderr);
    assert.match(lines[0]!, new RegExp(`^${name}: USAGE: .*--bogus`));
  }
});

test('generate with a --root that holds no protocols fails in one coded line', () => {
  const result = runScript('scripts/generate/main.ts', '--check', '--root', join(root, 'no-such-folder'));
  assert.is(result.code, 1);
  const lines = result.stderr.trim().split('\n');
  assert.is(lines.length, 1, result.stderr);
  assert.match(lines[0]!, /^generate: [A-Z_]+: /);
});

test.run();
