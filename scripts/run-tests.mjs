#!/usr/bin/env node
// Runs every `*.test.ts` file of the workspaces, each in its own Node process (so a test that
// measures memory or leaves a handle open cannot disturb another), a few at a time, and prints
// one closing summary line. Arguments filter the files by substring: `npm test -- sdk/test/rules`.
// Tests run the TypeScript sources, as do the processes they start (see run-from-source.mjs):
// a stale or missing `dist/` does not matter.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { sourceNodeOptions } from './run-from-source.mjs';

const root = new URL('..', import.meta.url).pathname;
const roots = ['scripts', 'protocols', 'sdk/test', 'harness/test', 'reference-erp/test'];
const filters = process.argv.slice(2);
const parallel = Number(process.env.TEST_PARALLELISM ?? Math.max(1, Math.min(availableParallelism(), 4)));
const fileTimeoutMs = Number(process.env.TEST_FILE_TIMEOUT_MS ?? 15 * 60_000);

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries.sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith('.test.ts')) yield path;
  }
}

const files = roots
  .flatMap((r) => [...walk(join(root, r))])
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

const totals = { passed: 0, failed: 0, skipped: 0 };
const brokenFiles = [];

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', './scripts/test-support/register-test-hooks.mjs', file],
      {
        cwd: root,
        env: { ...process.env, FORCE_COLOR: '0', NODE_OPTIONS: sourceNodeOptions() },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => {
      out += `\n[run-tests] ${file} exceeded ${fileTimeoutMs} ms and was killed\n`;
      child.kill('SIGKILL');
    }, fileTimeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const num = (label) => Number(out.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? 0);
      const total = num('Total');
      const passed = num('Passed');
      const skipped = num('Skipped');
      const failed = Math.max(0, total - passed - skipped);
      totals.passed += passed;
      totals.skipped += skipped;
      totals.failed += failed;
      const ok = code === 0 && failed === 0 && total > 0;
      if (!ok) {
        brokenFiles.push(file);
        if (failed === 0) totals.failed += 1; // a file that crashed or ran nothing counts as a failure
      }
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `${ok ? 'ok  ' : 'FAIL'} ${file} (${passed}/${total}, ${skipped} skipped, ${secs}s)\n`,
      );
      if (!ok || process.env.TEST_VERBOSE) process.stdout.write(`${out.trim()}\n\n`);
      else {
        // Skips always say why; show those lines even when the file passed.
        for (const line of out.split('\n'))
          if (/^\s*SKIP\b/.test(line)) process.stdout.write(`     ${line.trim()}\n`);
      }
      resolve();
    });
  });
}

const queue = [...files];
await Promise.all(
  Array.from({ length: Math.min(parallel, queue.length) }, async () => {
    while (queue.length > 0) await runFile(queue.shift());
  }),
);

if (files.length === 0) {
  console.log('no test files matched');
  process.exitCode = 1;
}
if (brokenFiles.length > 0) console.log(`failing files:\n  ${brokenFiles.join('\n  ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (brokenFiles.length > 0) process.exitCode = 1;
