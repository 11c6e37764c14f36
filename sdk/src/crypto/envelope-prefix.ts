/**
 * Parses a CMS ContentInfo(EnvelopedData), DER or BER, from its start up to the first byte of the
 * encrypted content: the recipients, the content-encryption algorithm and IV, and the containers
 * still open at that point (checked once the content has been read).
 */
import { BerDecodeError, childrenOf, contentOf, oidOf, readHeader, readTlv } from './ber-reader.js';
import { CryptoError } from './crypto-error.js';
import { type KeyTransRecipient, keyTransRecipientOf } from './key-transport.js';
import { AES_CBC_KEY_BYTES_BY_OID, OID } from './object-identifiers.js';

/** A container entered but not yet closed: `end` is its absolute end offset, null when indefinite. */
export interface OpenContainer {
  name: 'ContentInfo' | 'content' | 'EnvelopedData' | 'EncryptedContentInfo';
  end: number | null;
}

/** Everything before the ciphertext. */
export interface EnvelopePrefix {
  recipients: KeyTransRecipient[];
  keyLength: 16 | 24 | 32;
  iv: Buffer;
  /** Offset of the first byte inside the [0] encryptedContent value. */
  contentStart: number;
  /** Primitive [0]: ciphertext of `length` bytes; constructed [0]: OCTET STRING segments up to `end`. */
  encryptedContent: { constructed: false; length: number } | { constructed: true; end: number | null };
  /** Outermost first. */
  open: OpenContainer[];
}

/**
 * Bytes the part before the ciphertext may take. A real one holds a few RecipientInfos of a few
 * hundred bytes; the bound keeps a hostile header from costing memory or parsing time.
 */
export const MAX_ENVELOPE_HEADER_BYTES = 1 << 20;

/**
 * RecipientInfos an envelope may name. Fiks IO encrypts to one certificate (KS's .NET client adds
 * a second RecipientInfo for the same one); each is one RSA attempt per key, so thousands of bogus
 * ones would block the thread for seconds.
 */
export const MAX_RECIPIENT_INFOS = 16;

function malformed(message: string, details?: Record<string, unknown>): CryptoError {
  return new CryptoError('ENVELOPE_MALFORMED', message, details === undefined ? {} : { details });
}

/** The refusal of a header longer than {@link MAX_ENVELOPE_HEADER_BYTES}. */
function envelopeHeaderTooLarge(headerBytes: number): CryptoError {
  return malformed(
    `The envelope header takes ${headerBytes} bytes, more than the ${MAX_ENVELOPE_HEADER_BYTES} allowed (or the input is not an envelope).`,
    { headerBytes, limit: MAX_ENVELOPE_HEADER_BYTES },
  );
}

/**
 * Parses the prefix of `buf`, whether `buf` is the whole envelope or its first bytes: only the
 * first {@link MAX_ENVELOPE_HEADER_BYTES} are looked at, and a prefix that does not end within
 * them is refused. Throws BerDecodeError with `needed` when `buf` ends too early (the caller
 * retries with at least that many bytes), CryptoError for anything else.
 */
export function parseEnvelopePrefix(whole: Buffer): EnvelopePrefix {
  const buf = whole.subarray(0, MAX_ENVELOPE_HEADER_BYTES);
  try {
    return parseBoundedPrefix(buf);
  } catch (cause) {
    if (cause instanceof BerDecodeError && (cause.needed ?? 0) > MAX_ENVELOPE_HEADER_BYTES)
      throw envelopeHeaderTooLarge(cause.needed!);
    throw cause;
  }
}

function parseBoundedPrefix(buf: Buffer): EnvelopePrefix {
  let pos = 0;
  const open: OpenContainer[] = [];
  const enter = (tag: number, name: OpenContainer['name']) => {
    const header = readHeader(buf, pos);
    if (header.tag !== tag)
      throw malformed(`Expected the ${name} at offset ${pos}; this is not a CMS EnvelopedData.`);
    pos += header.headerLength;
    open.push({ name, end: header.length === null ? null : pos + header.length });
  };
  const next = () => {
    const node = readTlv(buf, pos);
    pos = node.end;
    return node;
  };

  enter(0x30, 'ContentInfo');
  const contentType = next();
  if (contentType.tag !== 0x06) throw malformed('The ContentInfo has no content type.');
  const type = oidOf(contentType);
  if (type !== OID.envelopedData) {
    throw malformed(`Expected CMS EnvelopedData, got content type ${type}.`);
  }
  enter(0xa0, 'content');
  enter(0x30, 'EnvelopedData');
  if (next().tag !== 0x02) throw malformed('The EnvelopedData has no version.');
  let recipientInfos = next();
  if (recipientInfos.tag === 0xa0) recipientInfos = next(); // originatorInfo
  if (recipientInfos.tag !== 0x31) throw malformed('The EnvelopedData has no RecipientInfos.');
  const infos = childrenOf(recipientInfos);
  if (infos.length > MAX_RECIPIENT_INFOS)
    throw malformed(
      `The envelope names ${infos.length} recipients, more than the ${MAX_RECIPIENT_INFOS} allowed.`,
      { recipients: infos.length, limit: MAX_RECIPIENT_INFOS },
    );
  const recipients: KeyTransRecipient[] = [];
  for (const info of infos) {
    const recipient = keyTransRecipientOf(info);
    if (recipient) recipients.push(recipient);
  }
  enter(0x30, 'EncryptedContentInfo');
  if (next().tag !== 0x06) throw malformed('The EncryptedContentInfo has no content type.');
  const algorithm = next();
  if (algorithm.tag !== 0x30)
    throw malformed('The EncryptedContentInfo has no content-encryption algorithm.');
  const [algorithmId, parameters] = childrenOf(algorithm);
  const oid = algorithmId ? oidOf(algorithmId) : '';
  const keyLength = AES_CBC_KEY_BYTES_BY_OID.get(oid);
  if (!keyLength) {
    throw new CryptoError(
      'UNSUPPORTED_ALGORITHM',
      `Unsupported content-encryption algorithm ${oid}; expected AES-CBC.`,
      {
        details: { oid },
      },
    );
  }
  const iv = parameters?.tag === 0x04 ? contentOf(parameters) : undefined;
  if (iv?.length !== 16) throw malformed('The AES-CBC parameters do not hold a 16-byte IV.');

  const header = readHeader(buf, pos);
  const contentStart = pos + header.headerLength;
  let encryptedContent: EnvelopePrefix['encryptedContent'];
  if (header.tag === 0x80 && header.length !== null) {
    encryptedContent = { constructed: false, length: header.length };
  } else if (header.tag === 0xa0) {
    encryptedContent = {
      constructed: true,
      end: header.length === null ? null : contentStart + header.length,
    };
  } else {
    throw malformed('The envelope carries no encrypted content (detached content is not supported).');
  }
  return { recipients, keyLength, iv: Buffer.from(iv), contentStart, encryptedContent, open };
}

/**
 * Checks the bytes after the encrypted content (starting at absolute offset `offset`): they must
 * close every open container exactly, allowing only unprotectedAttrs inside the EnvelopedData.
 */
export function checkEnvelopeTrailer(trailer: Buffer, offset: number, open: readonly OpenContainer[]): void {
  let pos = 0;
  const at = () => offset + pos;
  try {
    for (const container of [...open].reverse()) {
      for (;;) {
        if (container.end !== null && at() >= container.end) {
          if (at() > container.end) throw malformed(`The ${container.name} overruns its declared length.`);
          break;
        }
        if (container.end === null && trailer[pos] === 0 && trailer[pos + 1] === 0) {
          pos += 2;
          break;
        }
        if (pos >= trailer.length)
          throw malformed(`The envelope is truncated (the ${container.name} is not closed).`);
        const node = readTlv(trailer, pos);
        if (container.name !== 'EnvelopedData' || node.tag !== 0xa1) {
          throw malformed(`Unexpected data after the encrypted content in the ${container.name}.`);
        }
        pos = node.end; // unprotectedAttrs: not used
      }
    }
  } catch (cause) {
    if (cause instanceof BerDecodeError)
      throw malformed('The envelope is truncated or corrupt after the encrypted content.');
    throw cause;
  }
  if (pos !== trailer.length) throw malformed(`${trailer.length - pos} unexpected bytes after the envelope.`);
}
