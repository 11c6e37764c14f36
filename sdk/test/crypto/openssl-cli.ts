// Runs the `openssl` command line in a scratch directory, for interoperability tests.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A scratch directory with file helpers and `openssl(...)`; call `dispose()` when done. */
export class OpenSslWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'cms-interop-'));

  path(name: string): string {
    return join(this.dir, name);
  }

  write(name: string, data: string | Uint8Array): string {
    writeFileSync(this.path(name), data);
    return this.path(name);
  }

  read(name: string): Buffer {
    return readFileSync(this.path(name));
  }

  /** Runs openssl with `args` (relative file names resolve in the scratch directory). */
  async openssl(...args: string[]): Promise<{ stdout: Buffer; stderr: string }> {
    const { stdout, stderr } = await run('openssl', args, {
      cwd: this.dir,
      encoding: 'buffer',
      maxBuffer: 256 * 1024 * 1024,
    });
    return { stdout, stderr: stderr.toString('utf8') };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
