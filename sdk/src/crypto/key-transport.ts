/**
 * RSA key transport for CMS KeyTransRecipientInfo: wrapping the content-encryption key with
 * RSAES-OAEP (SHA-256), and unwrapping with RSAES-OAEP or PKCS#1 v1.5. PKCS#1 v1.5 is decoded
 * from a raw RSA result in constant time with implicit rejection (a bad block yields a
 * deterministic pseudo-random key, so the failure only shows later as bad AES padding).
 */
import {
  constants,
  createHash,
  createHmac,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';
import { type BerNode, childrenOf, contentOf, encodingOf, oidOf } from './ber-reader.js';
import { CryptoError } from './crypto-error.js';
import { contextTag, derAlgorithm, derNull, derSequence, derValue } from './der-writer.js';
import { DIGEST_BY_OID, type DigestName, OID } from './object-identifiers.js';

/** How a recipient's content key was encrypted. */
export type KeyTransportAlgorithm = { kind: 'pkcs1v15' } | { kind: 'oaep'; hash: DigestName; label: Buffer };

/** One KeyTransRecipientInfo, reduced to what decryption needs. */
export interface KeyTransRecipient {
  /** DER of the RecipientIdentifier (issuerAndSerialNumber or [0] subjectKeyIdentifier). */
  rid: Buffer;
  algorithm: KeyTransportAlgorithm;
  encryptedKey: Buffer;
}

/** AlgorithmIdentifier for RSAES-OAEP with SHA-256, MGF1-SHA-256 and the empty label. */
export const OAEP_SHA256_ALGORITHM: Buffer = derAlgorithm(
  OID.rsaesOaep,
  derSequence(
    derValue(contextTag(0), derAlgorithm(OID.sha256, derNull())),
    derValue(contextTag(1), derAlgorithm(OID.mgf1, derAlgorithm(OID.sha256, derNull()))),
  ),
);

/** The RSA modulus size of a key, in bytes; throws UNSUPPORTED_ALGORITHM for non-RSA keys. */
export function rsaModulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType !== 'rsa' || bits === undefined) {
    throw new CryptoError(
      'UNSUPPORTED_ALGORITHM',
      `Only RSA keys are supported for key transport (got ${key.asymmetricKeyType ?? 'unknown'}).`,
    );
  }
  return Math.ceil(bits / 8);
}

/** Encrypts a content-encryption key to an RSA public key with RSAES-OAEP/SHA-256. */
export function wrapContentKey(publicKey: KeyObject, contentKey: Buffer): Buffer {
  rsaModulusBytes(publicKey);
  return publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    contentKey,
  );
}

function digestOfAlgorithm(node: BerNode): DigestName {
  const [id] = childrenOf(node);
  const oid = id ? oidOf(id) : '';
  const digest = DIGEST_BY_OID.get(oid);
  if (!digest) throw new CryptoError('UNSUPPORTED_ALGORITHM', `Unsupported OAEP digest ${oid}.`);
  return digest;
}

/** Decodes a KeyTransRecipientInfo keyEncryptionAlgorithm. */
export function keyTransportAlgorithmOf(algorithm: BerNode): KeyTransportAlgorithm {
  const [id, parameters] = childrenOf(algorithm);
  const oid = id ? oidOf(id) : '';
  if (oid === OID.rsaEncryption) return { kind: 'pkcs1v15' };
  if (oid !== OID.rsaesOaep) {
    throw new CryptoError('UNSUPPORTED_ALGORITHM', `Unsupported key transport algorithm ${oid}.`, {
      details: { oid },
    });
  }
  let hash: DigestName = 'sha1';
  let mgfHash: DigestName = 'sha1';
  let label: Buffer = Buffer.alloc(0);
  if (parameters && parameters.tag === 0x30) {
    for (const field of childrenOf(parameters)) {
      const [inner] = childrenOf(field);
      if (!inner) continue;
      if (field.tag === contextTag(0)) hash = digestOfAlgorithm(inner);
      else if (field.tag === contextTag(1)) {
        const [mgfId, mgfParameters] = childrenOf(inner);
        if (!mgfId || oidOf(mgfId) !== OID.mgf1 || !mgfParameters) {
          throw new CryptoError('UNSUPPORTED_ALGORITHM', 'Unsupported OAEP mask generation function.');
        }
        mgfHash = digestOfAlgorithm(mgfParameters);
      } else if (field.tag === contextTag(2)) {
        const [sourceId, sourceValue] = childrenOf(inner);
        if (!sourceId || oidOf(sourceId) !== OID.pSpecified) {
          throw new CryptoError('UNSUPPORTED_ALGORITHM', 'Unsupported OAEP label source.');
        }
        label = sourceValue ? contentOf(sourceValue) : label;
      }
    }
  }
  if (mgfHash !== hash) {
    throw new CryptoError('UNSUPPORTED_ALGORITHM', `OAEP with ${hash} and MGF1-${mgfHash} is not supported.`);
  }
  return { kind: 'oaep', hash, label };
}

/** Decodes one RecipientInfo; undefined for recipient kinds other than KeyTransRecipientInfo. */
export function keyTransRecipientOf(recipientInfo: BerNode): KeyTransRecipient | undefined {
  if (recipientInfo.tag !== 0x30) return undefined; // kari [1], kekri [2], pwri [3], ori [4]
  const [, rid, algorithm, encryptedKey] = childrenOf(recipientInfo);
  if (!rid || algorithm?.tag !== 0x30 || encryptedKey?.tag !== 0x04) {
    throw new CryptoError('ENVELOPE_MALFORMED', 'A KeyTransRecipientInfo is incomplete.');
  }
  return {
    rid: Buffer.from(encodingOf(rid)),
    algorithm: keyTransportAlgorithmOf(algorithm),
    encryptedKey: Buffer.from(contentOf(encryptedKey)),
  };
}

const rejectionSeeds = new WeakMap<KeyObject, Buffer>();

function rejectionSeed(privateKey: KeyObject): Buffer {
  let seed = rejectionSeeds.get(privateKey);
  if (!seed) {
    seed = createHash('sha256')
      .update('cms-pkcs1-implicit-rejection')
      .update(privateKey.export({ format: 'der', type: 'pkcs8' }))
      .digest();
    rejectionSeeds.set(privateKey, seed);
  }
  return seed;
}

/**
 * PKCS#1 v1.5 unwrap in constant time: `valid` is 1 or 0 and `key` is the transported key, or
 * (when invalid) a pseudo-random key derived from the private key and the ciphertext.
 */
export function unwrapPkcs1v15(
  privateKey: KeyObject,
  encryptedKey: Buffer,
  keyLength: number,
): { valid: number; key: Buffer } {
  const k = rsaModulusBytes(privateKey);
  const synthetic = createHmac('sha256', rejectionSeed(privateKey))
    .update(encryptedKey)
    .digest()
    .subarray(0, keyLength);
  let block: Buffer;
  try {
    block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, encryptedKey);
  } catch {
    block = Buffer.alloc(k); // ciphertext not below the modulus: public information, reject
  }
  // EM = 00 02 PS(k - keyLength - 3 non-zero bytes) 00 M(keyLength)
  const separator = k - keyLength - 1;
  let bad = block.length ^ k;
  bad |= block[0] ?? 1;
  bad |= (block[1] ?? 0) ^ 2;
  bad |= block[separator] ?? 1;
  for (let i = 2; i < separator; i++) {
    const b = block[i] ?? 0;
    bad |= ((b - 1) >> 8) & 1; // 1 when b === 0
  }
  const valid = ((bad | -bad) >>> 31) ^ 1; // 1 when bad === 0
  const mask = -valid & 0xff;
  const key = Buffer.alloc(keyLength);
  for (let i = 0; i < keyLength; i++) {
    key[i] = ((block[separator + 1 + i] ?? 0) & mask) | ((synthetic[i] ?? 0) & ~mask);
  }
  return { valid, key };
}

/** OAEP unwrap; undefined when this key does not open the ciphertext. */
export function unwrapOaep(
  privateKey: KeyObject,
  encryptedKey: Buffer,
  algorithm: { hash: DigestName; label: Buffer },
): Buffer | undefined {
  try {
    return privateDecrypt(
      {
        key: privateKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: algorithm.hash,
        ...(algorithm.label.length > 0 ? { oaepLabel: algorithm.label } : {}),
      },
      encryptedKey,
    );
  } catch {
    return undefined;
  }
}

/**
 * Recovers the content-encryption key: every key is tried on every OAEP recipient first (a wrong
 * key fails there outright), then on the PKCS#1 v1.5 recipients (where a wrong key yields a
 * pseudo-random key and decryption fails later). Throws NO_MATCHING_KEY when no recipient can
 * be opened by any of the keys.
 */
export function unwrapContentKey(
  recipients: readonly KeyTransRecipient[],
  privateKeys: readonly KeyObject[],
  keyLength: number,
): Buffer {
  if (privateKeys.length === 0) throw new CryptoError('NO_MATCHING_KEY', 'No private keys were given.');
  // Keys that are not RSA can open no KeyTransRecipientInfo: size -1 skips them.
  const sizes = privateKeys.map((key) => (key.asymmetricKeyType === 'rsa' ? rsaModulusBytes(key) : -1));
  const failedRids: Buffer[] = [];
  for (const recipient of recipients) {
    const { algorithm } = recipient;
    if (algorithm.kind !== 'oaep') continue;
    let opened = false;
    for (const [i, key] of privateKeys.entries()) {
      if (sizes[i] !== recipient.encryptedKey.length) continue;
      const contentKey = unwrapOaep(key, recipient.encryptedKey, algorithm);
      if (contentKey?.length === keyLength) return contentKey;
      opened ||= contentKey !== undefined;
    }
    if (!opened) failedRids.push(recipient.rid);
  }
  // PKCS#1 v1.5 recipients for a certificate whose OAEP recipient no key opened are skipped.
  const candidates: Array<{ valid: number; key: Buffer }> = [];
  for (const recipient of recipients) {
    if (recipient.algorithm.kind !== 'pkcs1v15') continue;
    if (failedRids.some((rid) => rid.equals(recipient.rid))) continue;
    for (const [i, key] of privateKeys.entries()) {
      if (sizes[i] !== recipient.encryptedKey.length) continue;
      candidates.push(unwrapPkcs1v15(key, recipient.encryptedKey, keyLength));
    }
  }
  const [first] = candidates;
  if (!first) {
    throw new CryptoError(
      'NO_MATCHING_KEY',
      'None of the private keys can open any recipient of this envelope.',
      {
        details: { recipients: recipients.length, keys: privateKeys.length },
      },
    );
  }
  // Select the first valid candidate (or the first candidate's pseudo-random key) without branching on validity.
  const chosen = Buffer.from(first.key);
  let found = first.valid;
  for (const candidate of candidates.slice(1)) {
    const mask = -(candidate.valid & (found ^ 1)) & 0xff;
    for (let i = 0; i < keyLength; i++)
      chosen[i] = ((candidate.key[i] ?? 0) & mask) | ((chosen[i] ?? 0) & ~mask);
    found |= candidate.valid;
  }
  return chosen;
}
