// Starting the toolkit's command lines as separate processes, as a user would run them, but from
// the TypeScript sources (the `source` export condition, compiled by tsx), so no build is needed.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '../..');
/** The command lines' entry points: the source files the `bin/` shims load once built. */
export const BIN = {
  conformance: join(root, 'harness/src/conformance/cli/main.ts'),
  emulator: join(root, 'harness/src/emulator/emulator-cli.ts'),
  erp: join(root, 'reference-erp/src/cli/main.ts'),
  fiksIo: join(root, 'sdk/src/cli/main.ts'),
};

/** Node's arguments that run `entry` (a TypeScript file) and the workspace packages from source. */
function fromSource(entry: string, args: string[]): string[] {
  return ['--conditions=source', '--import', import.meta.resolve('tsx'), entry, ...args];
}

/** The environment without `DATABASE_URL`, for a reference ERP on its embedded store. */
export function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return env;
}

/** A finished command: exit code and output. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after `timeoutMs`). */
export function runToEnd(
  bin: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, fromSource(bin, args), {
      env: options.env ?? process.env,
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running command and the first JSON line it printed (its ready line). */
export interface Started<T> {
  child: ChildProcessWithoutNullStreams;
  ready: T;
  /** Resolves with the exit code once the process ends by itself. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts a server command and resolves with its first stdout line that parses as JSON. */
export function startUntilReady<T>(
  bin: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Started<T>> {
  const child = spawn(process.execPath, fromSource(bin, args), {
    env: options.env ?? process.env,
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${bin} printed no ready line in time: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      try {
        const ready = JSON.parse(line) as T;
        clearTimeout(timer);
        lines.removeAllListeners('line');
        child.stdout.resume();
        resolve({ child, ready, exited, stop });
      } catch {
        // not the ready line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited (${code}) before it was ready: ${stderr}`));
    });
  });
}
