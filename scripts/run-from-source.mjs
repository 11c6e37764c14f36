#!/usr/bin/env node
// Development runs the TypeScript sources, never the built `dist/`: every workspace package maps
// its entries to `src/` under the `source` export condition, and tsx compiles them on load.
// `sourceNodeOptions()` gives the NODE_OPTIONS that do both, for this process's children and all
// theirs (a test that starts a CLI, a benchmark runner that starts benchmarks), whatever their
// working folder. Run as `node scripts/run-from-source.mjs FILE.ts [ARGS]`, it runs FILE that way.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** NODE_OPTIONS (appended to `current`) that run the workspace sources through tsx. */
export function sourceNodeOptions(current = process.env.NODE_OPTIONS ?? '') {
  const tsx = import.meta.resolve('tsx');
  const added = ['--conditions=source', `--import=${tsx}`].filter((flag) => !current.includes(flag));
  return [current, ...added].filter(Boolean).join(' ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, ...args] = process.argv.slice(2);
  if (file === undefined) {
    console.error('run-from-source: USAGE: name the TypeScript file to run');
    process.exit(64);
  }
  const child = spawn(process.execPath, [file, ...args], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: sourceNodeOptions() },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
