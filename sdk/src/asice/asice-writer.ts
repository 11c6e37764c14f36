/**
 * Writing a signed ASiC-E container to a stream. A container whose length can be known up front
 * (payload files in memory, or files on disk to store) is planned by {@link planAsice} and written
 * as planned; only payloads given as streams, or files on disk to deflate, are written entry by
 * entry with data descriptors where a size is not known in advance.
 */
import { createHash, type Hash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { signDetached } from '../crypto/cms-signature.js';
import { isFiksError } from '../errors/fiks-error.js';
import { ASICE_MIMETYPE, MANIFEST_ENTRY_NAME, writeAsicManifest } from './asic-manifest.js';
import { AsiceError } from './asice-error.js';
import {
  type AsiceWriteResult,
  checkPayloadNames,
  shouldCompress,
  type WriteAsiceOptions,
} from './asice-input.js';
import { mediaTypeForFileName } from './media-type.js';
import { type AsicePlan, measurePayloadFile, planAsice } from './planned-asice.js';
import { waitForDrain } from './stream-drain.js';
import { ZipWriter } from './zip-writer.js';

export type {
  AsiceCompression,
  AsiceFileData,
  AsiceFileInput,
  AsiceWriteResult,
  WriteAsiceOptions,
} from './asice-input.js';
export { checkPayloadNames, shouldCompress } from './asice-input.js';

const READ_CHUNK = 1024 * 1024;

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

/** Bytes of an in-memory plan gathered into one write: many small writes cost more than a copy. */
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Writes a planned container's chunks to `output`: those of payload files in memory gathered into
 * few writes, those read from disk (into reused buffers) copied one by one.
 */
async function writePlanned(plan: AsicePlan, output: Writable): Promise<void> {
  const write = async (bytes: Uint8Array) => {
    if (!output.write(bytes)) await waitForDrain(output, 'the destination closed');
  };
  let batch: Uint8Array[] = [];
  let held = 0;
  for await (const chunk of plan.chunks()) {
    if (plan.readsFiles) {
      await write(Buffer.from(chunk));
      continue;
    }
    batch.push(chunk);
    held += chunk.length;
    if (held < BATCH_BYTES) continue;
    await write(Buffer.concat(batch));
    batch = [];
    held = 0;
  }
  if (batch.length > 0) await write(Buffer.concat(batch));
}

/** Writes the container entry by entry, for payloads whose length is not known up front. */
async function writeEntries(options: WriteAsiceOptions, zip: ZipWriter): Promise<AsiceWriteResult> {
  const compression = options.compression ?? 'auto';
  const written: AsiceWriteResult['files'] = [];
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
      const source = hashed(createReadStream(path, { highWaterMark: READ_CHUNK }), hash, file.name, counter);
      if (compress) await zip.addDeflated(file.name, source);
      else {
        // The planner's first pass; the zip writer fails with INPUT_CHANGED on another CRC-32.
        const first = await measurePayloadFile(path, file.name);
        await zip.addStored(file.name, source, first.size, first.crc);
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
  return { files: written, manifest, signatureEntryName };
}

/**
 * Writes a signed ASiC-E container to `output` and ends it: `mimetype` first and STORED, the
 * payload files at the root in the given order (streamed, digested on the way), then
 * `META-INF/ASiCManifest.xml` and its detached CMS signature `META-INF/signature-<uuid>.p7s`.
 * Resolves once `output` has finished.
 */
export async function writeAsice(options: WriteAsiceOptions, output: Writable): Promise<AsiceWriteResult> {
  checkPayloadNames(options.files);
  try {
    const plan = await planAsice(options);
    let result: AsiceWriteResult;
    if (plan === undefined) result = await writeEntries(options, new ZipWriter(output));
    else {
      await writePlanned(plan, output);
      result = plan.written();
    }
    output.end();
    await finished(output);
    return result;
  } catch (error) {
    if (!output.destroyed) output.destroy();
    if (isFiksError(error)) throw error;
    throw new AsiceError('OUTPUT_FAILED', 'Could not write the ASiC-E container to its destination.', {
      cause: error,
    });
  }
}
