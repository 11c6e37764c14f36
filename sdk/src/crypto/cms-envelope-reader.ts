/**
 * CMS EnvelopedData reader: DER or BER input (indefinite lengths, constructed OCTET STRING
 * segments), incremental, with memory bounded by the size of the header. The content key is
 * recovered from a KeyTransRecipientInfo (RSAES-OAEP or PKCS#1 v1.5) with any of the given
 * private keys; content encryption must be AES-128/192/256-CBC.
 */
import { createDecipheriv, type Decipher, type KeyObject } from 'node:crypto';
import { Transform } from 'node:stream';
import { BerDecodeError, readHeader } from './ber-reader.js';
import { updateInSlices } from './cipher-slices.js';
import { CryptoError } from './crypto-error.js';
import { checkEnvelopeTrailer, type EnvelopePrefix, parseEnvelopePrefix } from './envelope-prefix.js';
import { unwrapContentKey } from './key-transport.js';

const MAX_TRAILER_BYTES = 1 << 16;

/** Decryption state shared by the streaming and the in-memory reader. */
class EnvelopeDecryption {
  private phase: 'prefix' | 'content' | 'trailer' = 'prefix';
  private prefixChunks: Buffer[] = [];
  private prefixBytes = 0;
  private prefixNeeded = 0;
  private prefix: EnvelopePrefix | undefined;
  private decipher: Decipher | undefined;
  /** Absolute offset of the next byte to consume (content and trailer phases). */
  private offset = 0;
  private segmentRemaining = 0;
  /** Constructed encryptedContent: ends of the open constructed segments (null: indefinite). */
  private segments: Array<number | null> = [];
  private pendingHeader: Buffer = Buffer.alloc(0);
  private trailerChunks: Buffer[] = [];
  private trailerBytes = 0;
  private produced = 0;

  constructor(
    private readonly privateKeys: readonly KeyObject[],
    private readonly maxPlaintextBytes: number,
  ) {}

  write(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    if (this.phase === 'prefix') {
      this.prefixChunks.push(chunk);
      this.prefixBytes += chunk.length;
      if (this.prefixBytes < this.prefixNeeded) return out;
      const buf = this.prefixChunks.length === 1 ? chunk : Buffer.concat(this.prefixChunks);
      this.prefixChunks = [buf];
      const prefix = this.tryPrefix(buf);
      if (!prefix) return out;
      this.prefixChunks = [];
      this.start(prefix);
      this.consume(buf.subarray(prefix.contentStart), out);
      return out;
    }
    this.consume(chunk, out);
    return out;
  }

  end(): Buffer[] {
    if (this.phase === 'prefix') {
      if (this.prefixBytes === 0) throw new CryptoError('ENVELOPE_MALFORMED', 'The envelope is empty.');
      throw new CryptoError('ENVELOPE_MALFORMED', 'The envelope is truncated before its encrypted content.');
    }
    if (this.phase === 'content') {
      throw new CryptoError('ENVELOPE_MALFORMED', 'The envelope is truncated inside its encrypted content.', {
        details: { offset: this.offset },
      });
    }
    const prefix = this.prefix!;
    const trailer = Buffer.concat(this.trailerChunks);
    checkEnvelopeTrailer(trailer, this.offset, prefix.open);
    return [];
  }

  private tryPrefix(buf: Buffer): EnvelopePrefix | undefined {
    try {
      return parseEnvelopePrefix(buf);
    } catch (cause) {
      if (!(cause instanceof BerDecodeError)) throw cause;
      if (cause.needed === undefined) {
        throw new CryptoError('ENVELOPE_MALFORMED', `The envelope is not valid BER/DER: ${cause.message}.`);
      }
      this.prefixNeeded = cause.needed;
      return undefined;
    }
  }

  private start(prefix: EnvelopePrefix): void {
    const contentKey = unwrapContentKey(prefix.recipients, this.privateKeys, prefix.keyLength);
    this.decipher = createDecipheriv(`aes-${prefix.keyLength * 8}-cbc`, contentKey, prefix.iv);
    contentKey.fill(0);
    this.prefix = prefix;
    this.phase = 'content';
    this.offset = prefix.contentStart;
    const content = prefix.encryptedContent;
    if (content.constructed) this.segments.push(content.end);
    else {
      if (content.length - 16 >= this.maxPlaintextBytes) throw this.tooLarge();
      this.segmentRemaining = content.length;
    }
  }

  private tooLarge(): CryptoError {
    return new CryptoError(
      'PAYLOAD_TOO_LARGE',
      `The decrypted payload exceeds ${this.maxPlaintextBytes} bytes.`,
      {
        details: { maxPlaintextBytes: this.maxPlaintextBytes },
      },
    );
  }

  private emit(bytes: Buffer, out: Buffer[]): void {
    if (bytes.length === 0) return;
    this.produced += bytes.length;
    if (this.produced > this.maxPlaintextBytes) throw this.tooLarge();
    out.push(bytes);
  }

  private consume(chunk: Buffer, out: Buffer[]): void {
    let i = 0;
    while (this.phase === 'content') {
      if (this.segmentRemaining > 0) {
        if (i >= chunk.length) return;
        const n = Math.min(this.segmentRemaining, chunk.length - i);
        updateInSlices(this.decipher!, chunk.subarray(i, i + n), (output) => this.emit(output, out));
        i += n;
        this.offset += n;
        this.segmentRemaining -= n;
        continue;
      }
      if (!this.prefix!.encryptedContent.constructed) {
        this.finishContent(out);
        break;
      }
      const top = this.segments.length > 0 ? this.segments[this.segments.length - 1] : undefined;
      if (top !== undefined && top !== null && this.offset >= top) {
        if (this.offset > top)
          throw new CryptoError('ENVELOPE_MALFORMED', 'An encrypted content segment overruns its parent.');
        this.segments.pop();
        if (this.segments.length === 0) this.finishContent(out);
        continue;
      }
      if (i >= chunk.length) return;
      i = this.readSegmentHeader(chunk, i, out);
    }
    if (i < chunk.length) this.addTrailer(chunk.subarray(i));
  }

  /** Reads (part of) a segment header from `chunk` at `i`; returns the new index. */
  private readSegmentHeader(chunk: Buffer, i: number, out: Buffer[]): number {
    const window = chunk.subarray(i, i + 8);
    const bytes = this.pendingHeader.length > 0 ? Buffer.concat([this.pendingHeader, window]) : window;
    let header: ReturnType<typeof readHeader>;
    try {
      header = readHeader(bytes, 0);
    } catch (cause) {
      if (
        cause instanceof BerDecodeError &&
        cause.needed !== undefined &&
        i + window.length === chunk.length
      ) {
        this.pendingHeader = Buffer.from(bytes);
        return chunk.length;
      }
      throw new CryptoError('ENVELOPE_MALFORMED', 'The encrypted content has an invalid segment header.');
    }
    const taken = header.headerLength - this.pendingHeader.length;
    this.pendingHeader = Buffer.alloc(0);
    this.offset += header.headerLength;
    if (header.tag === 0x00 && header.length === 0) {
      if (this.segments.pop() !== null) {
        throw new CryptoError('ENVELOPE_MALFORMED', 'Unexpected end-of-contents in the encrypted content.');
      }
      if (this.segments.length === 0) this.finishContent(out);
    } else if (header.tag === 0x04 && header.length !== null) {
      this.segmentRemaining = header.length;
    } else if (header.tag === 0x24) {
      this.segments.push(header.length === null ? null : this.offset + header.length);
    } else {
      throw new CryptoError(
        'ENVELOPE_MALFORMED',
        'The encrypted content holds something other than OCTET STRING segments.',
      );
    }
    return i + taken;
  }

  private finishContent(out: Buffer[]): void {
    let last: Buffer;
    try {
      last = this.decipher!.final();
    } catch {
      throw new CryptoError(
        'DECRYPTION_FAILED',
        'The content could not be decrypted (bad padding): the ciphertext is corrupt, or the key does not belong to this envelope.',
      );
    }
    this.phase = 'trailer';
    this.emit(last, out);
  }

  private addTrailer(bytes: Buffer): void {
    this.trailerBytes += bytes.length;
    if (this.trailerBytes > MAX_TRAILER_BYTES) {
      throw new CryptoError('ENVELOPE_MALFORMED', 'Unexpected data after the encrypted content.');
    }
    this.trailerChunks.push(Buffer.from(bytes));
  }
}

function asCryptoError(cause: unknown): CryptoError {
  if (cause instanceof CryptoError) return cause;
  return new CryptoError('ENVELOPE_MALFORMED', 'The envelope could not be read.', {
    cause: cause instanceof Error ? new Error(cause.message) : undefined,
  });
}

/**
 * A stream that decrypts a CMS ContentInfo(EnvelopedData), DER or BER, with the first of
 * `privateKeys` that opens it, and emits the plaintext. Errors are CryptoErrors.
 */
export function createEnvelopeDecryptor(
  privateKeys: KeyObject[],
  options: { maxPlaintextBytes?: number } = {},
): Transform {
  const state = new EnvelopeDecryption(privateKeys, options.maxPlaintextBytes ?? Number.POSITIVE_INFINITY);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        for (const piece of state.write(chunk)) this.push(piece);
        callback();
      } catch (cause) {
        callback(asCryptoError(cause));
      }
    },
    flush(callback) {
      try {
        for (const piece of state.end()) this.push(piece);
        callback();
      } catch (cause) {
        callback(asCryptoError(cause));
      }
    },
  });
}

/** Decrypts a CMS ContentInfo(EnvelopedData), DER or BER, held in memory. */
export function decryptEnvelope(envelope: Uint8Array, privateKeys: KeyObject[]): Buffer {
  const state = new EnvelopeDecryption(privateKeys, Number.POSITIVE_INFINITY);
  try {
    const input = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
    const pieces = state.write(input);
    pieces.push(...state.end());
    return Buffer.concat(pieces);
  } catch (cause) {
    throw asCryptoError(cause);
  }
}
