/**
 * Reading a file in chunks with several reads in flight. One read at a time leaves the disk
 * thread and the caller waiting on each other (each hand-over costs about as much as copying a
 * chunk); a few reads ahead keep both busy.
 */
import type { FileHandle } from 'node:fs/promises';

export interface ReadAheadOptions {
  /** Bytes to read from the start of the file; `Infinity` reads to its end. */
  length: number;
  chunkBytes: number;
  /** Reads in flight besides the chunk the caller holds. */
  depth: number;
  /**
   * The buffer chunk `index` (0, 1, 2, …) is read into. Chunk `index` is held by the caller while
   * the next `depth` are read, so at least `depth + 1` distinct buffers must take turns.
   */
  buffer(index: number): Buffer | Promise<Buffer>;
}

/** Reads up to `length` bytes at `position` into `buffer`; fewer only at the end of the file. */
export async function readFully(
  handle: FileHandle,
  buffer: Buffer,
  length: number,
  position: number,
): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/**
 * Yields the file's chunks in order: full chunks, then a shorter last one where the file or
 * `length` ends (nothing more after a short chunk). A chunk is valid until the next is requested.
 */
export async function* readAhead(handle: FileHandle, options: ReadAheadOptions): AsyncGenerator<Buffer> {
  const { length, chunkBytes, depth } = options;
  const reads: Array<{ wanted: number; chunk: Promise<Buffer> }> = [];
  let position = 0;
  let index = 0;
  const issue = () => {
    const at = position;
    const wanted = Math.min(chunkBytes, length - at);
    const target = options.buffer(index++);
    position += wanted;
    const chunk = (async () => {
      const buffer = await target;
      return buffer.subarray(0, await readFully(handle, buffer, wanted, at));
    })();
    // Swallowed here, rethrown when awaited: an abandoned read must not become an unhandled rejection.
    chunk.catch(() => {});
    reads.push({ wanted, chunk });
  };
  try {
    while (reads.length < depth && position < length) issue();
    while (reads.length > 0) {
      const { wanted, chunk } = reads.shift()!;
      const bytes = await chunk;
      if (bytes.length < wanted) {
        if (bytes.length > 0) yield bytes;
        return;
      }
      if (position < length) issue();
      yield bytes;
    }
  } finally {
    // No read may land in a buffer once the caller has it back.
    await Promise.allSettled(reads.map((read) => read.chunk));
  }
}
