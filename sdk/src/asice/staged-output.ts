/**
 * Payload files on their way to an output directory. They are written to a stage beside it (in
 * its parent, so on the same file system) and moved into place only once everything verified: a
 * failure before that leaves the output directory as it was, and a failure while moving undoes the
 * moves made. Containment holds on the real path, not only on the names: no existing symbolic
 * link inside the output directory is followed, and every directory a file lands in is checked to
 * be where its name says.
 */
import type { Stats } from 'node:fs';
import { lstat, mkdir, mkdtemp, realpath, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { AsiceError, outputFailed } from './asice-error.js';

/** A verified file waiting in the stage: its entry name and where its bytes are. */
export interface StagedFile {
  name: string;
  stagedPath: string;
}

function leavesOutput(name: string, reason: string): AsiceError {
  return new AsiceError(
    'UNSAFE_ENTRY_NAME',
    `The entry ${JSON.stringify(name)} would leave the output directory: ${reason}.`,
    { details: { name } },
  );
}

function blocked(name: string, reason: string): AsiceError {
  return new AsiceError(
    'OUTPUT_FAILED',
    `The payload file ${JSON.stringify(name)} cannot be written: ${reason}.`,
    {
      details: { name },
    },
  );
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return outputFailed(error);
  }
}

/** The path segments of `name` below the output directory, refused when they would leave it. */
function segmentsOf(name: string): string[] {
  const root = resolve(sep, 'output');
  const target = resolve(root, name);
  if (!target.startsWith(root + sep)) throw leavesOutput(name, 'its path climbs out');
  return relative(root, target).split(sep);
}

/** Refuses names of which one is a folder of another ("a" and "a/b"): both cannot be written. */
function checkNamesFit(files: readonly StagedFile[]): void {
  const fileNames = new Map(files.map((file) => [segmentsOf(file.name).join('/'), file.name]));
  for (const file of files) {
    const segments = segmentsOf(file.name);
    for (let depth = 1; depth < segments.length; depth++) {
      const other = fileNames.get(segments.slice(0, depth).join('/'));
      if (other !== undefined)
        throw blocked(file.name, `${JSON.stringify(other)} is a file of the same path`);
    }
  }
}

/** One step made while moving files into place, and how to take it back. */
type Undo = () => Promise<unknown>;

export class StagedOutput {
  private replaced = 0;

  private constructor(
    /** The output directory, resolved. */
    readonly root: string,
    private readonly stage: string,
    /** Where payload files are written until they are moved into place. */
    readonly filesDir: string,
  ) {}

  /**
   * Creates the stage for `outDir`: in its parent, unless `outDir` already exists and its parent
   * is another file system (a mount point) or cannot be written to; the stage then goes inside
   * `outDir` as a hidden folder.
   */
  static async create(outDir: string): Promise<StagedOutput> {
    const root = resolve(outDir);
    const parent = dirname(root);
    await mkdir(parent, { recursive: true }).catch(outputFailed);
    const existing = await stat(root).catch(() => undefined);
    if (existing !== undefined && !existing.isDirectory())
      throw new AsiceError('OUTPUT_FAILED', 'The output directory is a file.', { details: { outDir } });
    const parentStat = await stat(parent).catch(outputFailed);
    const stageIn = existing !== undefined && existing.dev !== parentStat.dev ? root : parent;
    const prefix = `.${basename(root)}.stage-`;
    const stage = await mkdtemp(join(stageIn, prefix)).catch((error: unknown) => {
      if (existing === undefined || stageIn === root) return outputFailed(error);
      return mkdtemp(join(root, prefix)).catch(outputFailed);
    });
    const filesDir = join(stage, 'files');
    await mkdir(filesDir).catch(outputFailed);
    return new StagedOutput(root, stage, filesDir);
  }

  /**
   * Moves verified files into the output directory, all or none, and returns where each went. A
   * new output directory is built in the stage and renamed into place in one step; into an
   * existing one the files are moved one by one, after checking every path first, and a failure
   * half way moves back what was moved (replaced files included).
   */
  async commit(files: readonly StagedFile[]): Promise<string[]> {
    checkNamesFit(files);
    const existing = await lstatOrUndefined(this.root);
    if (existing !== undefined) return this.moveInto(this.root, files);
    const tree = join(this.stage, 'tree');
    await mkdir(tree).catch(outputFailed);
    await this.moveInto(tree, files);
    await rename(tree, this.root).catch(outputFailed);
    return files.map((file) => join(this.root, ...segmentsOf(file.name)));
  }

  /** Removes the stage and whatever is left in it. */
  async remove(): Promise<void> {
    await rm(this.stage, { recursive: true, force: true });
  }

  private async moveInto(root: string, files: readonly StagedFile[]): Promise<string[]> {
    const realRoot = await realpath(root).catch(outputFailed);
    // Every path is checked before anything moves: most refusals then leave no trace to undo.
    for (const file of files) await this.checkPath(root, file.name);
    const undo: Undo[] = [];
    try {
      const targets: string[] = [];
      for (const file of files) targets.push(await this.moveOne(root, realRoot, file, undo));
      return targets;
    } catch (error) {
      for (const step of undo.reverse()) await step().catch(() => {});
      return outputFailed(error);
    }
  }

  /** Refuses a path through a symbolic link or a file, or onto a directory. */
  private async checkPath(root: string, name: string): Promise<void> {
    const segments = segmentsOf(name);
    let path = root;
    for (const [index, segment] of segments.entries()) {
      path = join(path, segment);
      const found = await lstatOrUndefined(path);
      if (found === undefined) return;
      const last = index === segments.length - 1;
      if (found.isSymbolicLink() && !last)
        throw leavesOutput(
          name,
          `${JSON.stringify(segments.slice(0, index + 1).join('/'))} is a symbolic link`,
        );
      if (!last && !found.isDirectory())
        throw blocked(name, `${JSON.stringify(segments.slice(0, index + 1).join('/'))} is a file`);
      if (last && found.isDirectory()) throw blocked(name, 'a directory of that name is in the way');
    }
  }

  private async moveOne(root: string, realRoot: string, file: StagedFile, undo: Undo[]): Promise<string> {
    const segments = segmentsOf(file.name);
    let folder = root;
    for (const segment of segments.slice(0, -1)) {
      folder = join(folder, segment);
      try {
        await mkdir(folder);
        const created = folder;
        undo.push(() => rmdir(created));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    // The folder must really be the one named: a link put in place meanwhile is refused.
    const expected = join(realRoot, ...segments.slice(0, -1));
    if ((await realpath(folder)) !== expected)
      throw leavesOutput(file.name, 'a symbolic link appeared on its path');
    const target = join(folder, segments.at(-1)!);
    if ((await lstatOrUndefined(target)) !== undefined) {
      const backup = join(this.stage, `replaced-${this.replaced++}`);
      await rename(target, backup);
      undo.push(() => rename(backup, target));
    }
    await rename(file.stagedPath, target);
    undo.push(() => rename(target, file.stagedPath));
    return join(this.root, ...segments);
  }
}
