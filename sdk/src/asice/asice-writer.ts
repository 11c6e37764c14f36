import { createHash, type Hash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { type Signer, signDetached } from '../crypto/cms-signature.js';
import { isFiksError } from '../errors/fiks-error.js';
import { ASICE_MIMETYPE, MANIFEST_ENTRY_NAME, writeAsicManifest } from './asic-manifest.js';
import { AsiceError } from './asice-error.js';
import { assertPayloadFileName } from './entry-name.js';
import { isCompressibleMediaType, mediaTypeForFileName } from './media-type.js';
import { ZipWriter } from './zip-writer.js';

/** A payload file's content: bytes, a stream, or (a string) the path of a file to read. */
export type AsiceFileData = Uint8Array | Readable | string;

/** One payload file of a container to write. */
export interface AsiceFileInput {
  /** The entry name: a plain file name, at the root of the container. */
  name: string;
  data: AsiceFileData;
  /** Defaults to the type the name's extension implies. */
  mimeType?: string;
}

/**
 * `auto` (the default) deflates text-like types and stores the rest; streams of unknown length
 * are always deflated (a STORED entry needs its size and CRC before its bytes).
 */
export type AsiceCompression = 'auto' | 'deflate' | 'store';

export interface WriteAsiceOptions {
  files: readonly AsiceFileInput[];
  signer: Signer;
  compression?: AsiceCompression;
}

/** What was written: the payload files as listed in the manifest, and the metadata entries. */
export interface AsiceWriteResult {
  files: Array<{ name: string; size: number; sha256: string; mimeType: string }>;
  manifest: Buffer;
  signatureEntryName: string;
}

const READ_CHUNK = 1024 * 1024;

/** Whether a file of `mimeType` is deflated under `compression`. */
export function shouldCompress(mimeType: string, compression: AsiceCompression): boolean {
  return compression === 'deflate' || (compression === 'auto' && isCompressibleMediaType(mimeType));
}

async function* hashed(
  source: AsyncIterable<unknown>,
  hash: Hash,
  name: string,
  counter: { size: number },
): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let step: IteratorResult<unknown>;
    try {
      step = await iterator.next();
    } catch (error) {
      throw new AsiceError('INPUT_UNREADABLE', `Could not read the payload file ${JSON.stringify(name)}.`, {
        cause: error,
        details: { name },
      });
    }
    if (step.done) return;
    const chunk = typeof step.value === 'string' ? Buffer.from(step.value) : (step.value as Uint8Array);
    hash.update(chunk);
    counter.size += chunk.length;
    yield chunk;
  }
}

async function firstPass(path: string, name: string): Promise<{ size: number; crc: number; sha256: Buffer }> {
  const hash = createHash('sha256');
  const counter = { size: 0 };
  let crc = 0;
  for await (const chunk of hashed(
    createReadStream(path, { highWaterMark: READ_CHUNK }),
    hash,
    name,
    counter,
  ))
    crc = crc32(chunk, crc);
  return { size: counter.size, crc, sha256: hash.digest() };
}

/** Fails unless there is at least one file and every name is a safe, distinct payload file name. */
export function checkPayloadNames(files: readonly AsiceFileInput[]): void {
  if (files.length === 0)
    throw new AsiceError('ASICE_MALFORMED', 'A container needs at least one payload file; none were given.');
  const seen = new Set<string>();
  for (const file of files) {
    assertPayloadFileName(file.name);
    const key = file.name.toLowerCase();
    if (seen.has(key))
      throw new AsiceError(
        'DUPLICATE_ENTRY',
        `The payload file name ${JSON.stringify(file.name)} is given twice.`,
        {
          details: { name: file.name },
        },
      );
    seen.add(key);
  }
}

/**
 * Writes a signed ASiC-E container to `output` and ends it: `mimetype` first and STORED, the
 * payload files at the root in the given order (streamed, digested on the way), then
 * `META-INF/ASiCManifest.xml` and its detached CMS signature `META-INF/signature-<uuid>.p7s`.
 * Resolves once `output` has finished.
 */
export async function writeAsice(options: WriteAsiceOptions, output: Writable): Promise<AsiceWriteResult> {
  checkPayloadNames(options.files);
  const compression = options.compression ?? 'auto';
  const zip = new ZipWriter(output);
  const written: AsiceWriteResult['files'] = [];
  try {
    await zip.addBuffer('mimetype', Buffer.from(ASICE_MIMETYPE, 'ascii'), false);
    for (const file of options.files) {
      const mimeType = file.mimeType ?? mediaTypeForFileName(file.name);
      const compress = shouldCompress(mimeType, compression);
      const hash = createHash('sha256');
      const counter = { size: 0 };
      if (file.data instanceof Uint8Array) {
        hash.update(file.data);
        counter.size = file.data.length;
        await zip.addBuffer(file.name, file.data, compress);
      } else if (typeof file.data === 'string') {
        const path = file.data;
        await stat(path).catch((error: unknown) => {
          throw new AsiceError(
            'INPUT_UNREADABLE',
            `Could not read the payload file ${JSON.stringify(file.name)}.`,
            {
              cause: error,
              details: { name: file.name },
            },
          );
        });
        const source = () =>
          hashed(createReadStream(path, { highWaterMark: READ_CHUNK }), hash, file.name, counter);
        if (compress) await zip.addDeflated(file.name, source());
        else {
          const first = await firstPass(path, file.name);
          await zip.addStored(file.name, source(), first.size, first.crc);
          if (!hash.copy().digest().equals(first.sha256))
            throw new AsiceError(
              'INPUT_CHANGED',
              `The content of ${JSON.stringify(file.name)} changed while it was read.`,
            );
        }
      } else {
        await zip.addDeflated(file.name, hashed(file.data, hash, file.name, counter));
      }
      written.push({ name: file.name, size: counter.size, sha256: hash.digest('hex'), mimeType });
    }
    const signatureEntryName = `META-INF/signature-${randomUUID()}.p7s`;
    const manifest = writeAsicManifest(
      written.map((f) => ({ name: f.name, mimeType: f.mimeType, sha256: Buffer.from(f.sha256, 'hex') })),
      signatureEntryName,
    );
    await zip.addBuffer(MANIFEST_ENTRY_NAME, manifest, true);
    await zip.addBuffer(signatureEntryName, signDetached(manifest, options.signer), false);
    await zip.finish(`mimetype=${ASICE_MIMETYPE}`);
    output.end();
    await finished(output);
    return { files: written, manifest, signatureEntryName };
  } catch (error) {
    if (!output.destroyed) output.destroy();
    if (isFiksError(error)) throw error;
    throw new AsiceError('OUTPUT_FAILED', 'Could not write the ASiC-E container to its destination.', {
      cause: error,
    });
  }
}
