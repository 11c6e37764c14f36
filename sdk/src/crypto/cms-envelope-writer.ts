/**
 * CMS EnvelopedData writer: AES-256-CBC content encryption with a random IV and one
 * KeyTransRecipientInfo (issuerAndSerialNumber, RSAES-OAEP/SHA-256/MGF1-SHA-256), content type
 * id-data. The output is DER with definite lengths; the streaming form computes them from the
 * declared plaintext length and then streams the ciphertext.
 */
import { type Cipher, createCipheriv, randomBytes, type X509Certificate } from 'node:crypto';
import { Transform } from 'node:stream';
import { certificateIdentity } from './certificate-fields.js';
import { updateInSlices } from './cipher-slices.js';
import { CryptoError } from './crypto-error.js';
import {
  contextTag,
  derAlgorithm,
  derHeader,
  derOctetString,
  derOid,
  derSequence,
  derSetOf,
  derSmallInteger,
} from './der-writer.js';
import { OAEP_SHA256_ALGORITHM, wrapContentKey } from './key-transport.js';
import { OID } from './object-identifiers.js';

/** The AES-CBC ciphertext length (PKCS#7 padding always adds 1–16 bytes). */
export function cbcCiphertextLength(plaintextLength: number): number {
  return (Math.floor(plaintextLength / 16) + 1) * 16;
}

/** Header of a value whose content is `leading` followed by `trailingLength` bytes yet to come. */
function openValue(tag: number, leading: readonly Buffer[], trailingLength: number): Buffer {
  const length = leading.reduce((sum, b) => sum + b.length, 0) + trailingLength;
  return Buffer.concat([derHeader(tag, length), ...leading]);
}

/** Starts an envelope: the DER up to the ciphertext, and the cipher that produces the rest. */
function beginEnvelope(
  recipient: X509Certificate,
  plaintextLength: number,
): { header: Buffer; cipher: Cipher } {
  if (!Number.isSafeInteger(plaintextLength) || plaintextLength < 0) {
    throw new RangeError(`plaintextLength must be a non-negative integer (got ${plaintextLength})`);
  }
  const { issuer, serialNumber } = certificateIdentity(recipient);
  const contentKey = randomBytes(32);
  const iv = randomBytes(16);
  let encryptedKey: Buffer;
  try {
    encryptedKey = wrapContentKey(recipient.publicKey, contentKey);
  } catch (cause) {
    if (cause instanceof CryptoError) throw cause;
    throw new CryptoError('CERTIFICATE_INVALID', "The recipient certificate's public key cannot encrypt.", {
      cause,
    });
  }
  const recipientInfo = derSequence(
    derSmallInteger(0),
    derSequence(issuer, serialNumber),
    OAEP_SHA256_ALGORITHM,
    derOctetString(encryptedKey),
  );
  const ciphertextLength = cbcCiphertextLength(plaintextLength);
  const encryptedContentInfo = openValue(
    0x30,
    [
      derOid(OID.data),
      derAlgorithm(OID.aes256Cbc, derOctetString(iv)),
      derHeader(contextTag(0, true), ciphertextLength),
    ],
    ciphertextLength,
  );
  const envelopedData = openValue(
    0x30,
    [derSmallInteger(0), derSetOf(recipientInfo), encryptedContentInfo],
    ciphertextLength,
  );
  const header = openValue(
    0x30,
    [derOid(OID.envelopedData), openValue(contextTag(0), [envelopedData], ciphertextLength)],
    ciphertextLength,
  );
  const cipher = createCipheriv('aes-256-cbc', contentKey, iv);
  contentKey.fill(0);
  return { header, cipher };
}

/** An envelope being written: its DER header, then the ciphertext of exactly the declared bytes. */
export interface EnvelopeEncryption {
  /** The DER up to the first ciphertext byte; emit it first. */
  readonly header: Buffer;
  /**
   * Encrypts the next plaintext bytes in one cipher call, so a chunk in is about a chunk out: CBC
   * encryption is slow enough that a large output buffer costs less than joining slices would;
   * fails with PLAINTEXT_LENGTH_MISMATCH past the declared length.
   */
  update(chunk: Uint8Array): Buffer;
  /** The last ciphertext block; fails with PLAINTEXT_LENGTH_MISMATCH when bytes are missing. */
  final(): Buffer;
}

/**
 * Starts a DER ContentInfo(EnvelopedData) to `recipient` for exactly `plaintextLength` bytes, for
 * callers that drive encryption themselves (no stream machinery between chunks).
 */
export function startEnvelope(recipient: X509Certificate, plaintextLength: number): EnvelopeEncryption {
  const { header, cipher } = beginEnvelope(recipient, plaintextLength);
  let received = 0;
  const mismatch = (actual: string) =>
    new CryptoError(
      'PLAINTEXT_LENGTH_MISMATCH',
      `Declared ${plaintextLength} plaintext bytes but got ${actual}.`,
      {
        details: { declared: plaintextLength },
      },
    );
  return {
    header,
    update(chunk) {
      received += chunk.length;
      if (received > plaintextLength) throw mismatch(`at least ${received}`);
      return cipher.update(chunk);
    },
    final() {
      if (received !== plaintextLength) throw mismatch(String(received));
      return cipher.final();
    },
  };
}

/**
 * A stream that encrypts exactly `plaintextLength` bytes to `recipient` and emits DER
 * ContentInfo(EnvelopedData). It fails with PLAINTEXT_LENGTH_MISMATCH when the input length differs.
 */
export function createEnvelopeEncryptor(recipient: X509Certificate, plaintextLength: number): Transform {
  const envelope = startEnvelope(recipient, plaintextLength);
  let headerSent = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        const out = envelope.update(chunk);
        if (!headerSent) {
          headerSent = true;
          this.push(envelope.header);
        }
        if (out.length > 0) this.push(out);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        const last = envelope.final();
        if (!headerSent) this.push(envelope.header);
        callback(null, last);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/** Encrypts `plaintext` to `recipient`; returns DER ContentInfo(EnvelopedData). */
export function encryptEnvelope(plaintext: Uint8Array, recipient: X509Certificate): Buffer {
  const { header, cipher } = beginEnvelope(recipient, plaintext.length);
  const out = Buffer.allocUnsafe(header.length + cbcCiphertextLength(plaintext.length));
  let pos = header.copy(out, 0);
  updateInSlices(cipher, plaintext, (slice) => {
    pos += slice.copy(out, pos);
  });
  pos += cipher.final().copy(out, pos);
  return out;
}
