import type { X509Certificate } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { AsiceCompression, AsiceFileInput } from '../asice/asice-writer.js';
import { writeAsice } from '../asice/asice-writer.js';
import { type AsicePlan, planAsice } from '../asice/planned-asice.js';
import { createEnvelopeEncryptor, encryptEnvelope, startEnvelope } from '../crypto/cms-envelope-writer.js';
import type { Signer } from '../crypto/cms-signature.js';
import { createTempDirectory } from './temp-directory.js';

/** What {@link sealPayload} puts in the envelope. */
export interface SealPayloadOptions {
  files: readonly AsiceFileInput[];
  /** Signs the ASiC manifest (CAdES, detached). */
  signer: Signer;
  /** The receiving account's certificate; the envelope is encrypted to its public key. */
  recipient: X509Certificate;
  compression?: AsiceCompression;
}

/** Buffered bytes before the temporary file's stream asks to wait: reads and writes overlap. */
const WRITE_BUFFER_BYTES = 8 * 1024 * 1024;

/**
 * Ciphertext the returned stream holds before it stops asking for more. Less than one chunk: the
 * next chunk is encrypted once the consumer took the last. Encrypting ahead keeps more large
 * buffers alive and measured slower, into a file as much as into a sink that takes everything.
 */
const BUFFERED_BYTES = 64 * 1024;

/** Payloads given fully in memory up to this size are sealed without temporary files. */
const IN_MEMORY_SEAL_BYTES = 8 * 1024 * 1024;

function inMemorySize(files: readonly AsiceFileInput[]): number | undefined {
  let total = 0;
  for (const file of files) {
    if (!(file.data instanceof Uint8Array)) return undefined;
    total += file.data.length;
  }
  return total;
}

async function sealInMemory(options: SealPayloadOptions): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeAsice(options, sink);
  return encryptEnvelope(Buffer.concat(chunks), options.recipient);
}

/** The envelope around a planned container: header first, then the container straight through the cipher. */
async function* sealPlanned(plan: AsicePlan, recipient: X509Certificate): AsyncGenerator<Buffer> {
  const envelope = startEnvelope(recipient, plan.length);
  yield envelope.header;
  for await (const chunk of plan.chunks()) {
    const out = envelope.update(chunk);
    if (out.length > 0) yield out;
  }
  yield envelope.final();
}

async function* sealedChunks(options: SealPayloadOptions): AsyncGenerator<Buffer> {
  const size = inMemorySize(options.files);
  if (size !== undefined && size <= IN_MEMORY_SEAL_BYTES) {
    yield await sealInMemory(options);
    return;
  }
  const plan = await planAsice(options);
  if (plan !== undefined) {
    yield* sealPlanned(plan, options.recipient);
    return;
  }
  const temp = await createTempDirectory();
  try {
    const zipPath = join(temp.path, 'payload.asice');
    await writeAsice(options, createWriteStream(zipPath, { highWaterMark: WRITE_BUFFER_BYTES }));
    const { size: zipSize } = await stat(zipPath);
    const source = createReadStream(zipPath, { highWaterMark: 1024 * 1024 });
    const encryptor = createEnvelopeEncryptor(options.recipient, zipSize);
    source.on('error', (error) => encryptor.destroy(error));
    source.pipe(encryptor);
    try {
      for await (const chunk of encryptor) yield chunk as Buffer;
    } finally {
      source.destroy();
      encryptor.destroy();
    }
  } finally {
    await temp.remove();
  }
}

/**
 * Seals payload files for Fiks IO: a signed ASiC-E container, encrypted to `recipient` as a DER
 * CMS EnvelopedData (definite lengths). Streams with bounded memory. Payload files given as bytes
 * or as paths of files that are stored (not deflated) are read twice and nothing is written to
 * disk: a first pass measures them (size, CRC-32) so the container's length is known, the second
 * streams them through digest and cipher (and fails with INPUT_CHANGED if they changed). Otherwise
 * (streams, files to deflate) the container goes to a temporary file first, which is removed when
 * the stream ends, fails or is destroyed. Small in-memory payloads skip both.
 */
export function sealPayload(options: SealPayloadOptions): Readable {
  return Readable.from(sealedChunks(options), { objectMode: false, highWaterMark: BUFFERED_BYTES });
}

/** {@link sealPayload} collected into one buffer, for small payloads. */
export async function sealPayloadToBuffer(options: SealPayloadOptions): Promise<Buffer> {
  const size = inMemorySize(options.files);
  if (size !== undefined && size <= IN_MEMORY_SEAL_BYTES) return sealInMemory(options);
  const chunks: Buffer[] = [];
  for await (const chunk of sealPayload(options)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
