/**
 * Reading keys and certificates: PEM/DER private keys, X.509 certificates and PKCS#12 keystores,
 * all converted to Node's KeyObject and X509Certificate.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import type forge from 'node-forge';
import { CryptoError } from './crypto-error.js';

let forgeModule: typeof forge | undefined;

/** node-forge, loaded on first use (only PKCS#12 needs it; loading it costs start-up time). */
function nodeForge(): typeof forge {
  forgeModule ??= createRequire(import.meta.url)('node-forge') as typeof forge;
  return forgeModule;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function asBuffer(data: string | Uint8Array): Buffer {
  return typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function looksLikePem(data: string | Uint8Array): boolean {
  const head = typeof data === 'string' ? data : Buffer.from(data.subarray(0, 4096)).toString('latin1');
  return head.includes('-----BEGIN ');
}

/**
 * Reads an RSA (or other) private key: PEM PKCS#8 (also encrypted, with `passphrase`), PEM PKCS#1
 * ("RSA PRIVATE KEY"), or DER PKCS#8 / PKCS#1.
 */
export function readPrivateKey(data: string | Uint8Array, passphrase?: string): KeyObject {
  try {
    if (looksLikePem(data)) {
      const pem = typeof data === 'string' ? data : asBuffer(data).toString('utf8');
      return createPrivateKey({
        key: pem,
        format: 'pem',
        ...(passphrase === undefined ? {} : { passphrase }),
      });
    }
    const der = asBuffer(data);
    try {
      return createPrivateKey({
        key: der,
        format: 'der',
        type: 'pkcs8',
        ...(passphrase === undefined ? {} : { passphrase }),
      });
    } catch (pkcs8Error) {
      try {
        return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
      } catch {
        throw pkcs8Error;
      }
    }
  } catch (cause) {
    const reason =
      cause instanceof Error && /passphrase|bad decrypt/i.test(cause.message)
        ? 'it is encrypted and the passphrase is missing or wrong'
        : 'expected PEM PKCS#8, PEM PKCS#1 ("RSA PRIVATE KEY") or DER PKCS#8';
    throw new CryptoError('KEY_INVALID', `The private key could not be read: ${reason}.`, {
      cause: redactedCause(cause),
    });
  }
}

/** Reads one X.509 certificate, PEM or DER (for a PEM bundle, the first). */
export function readCertificate(data: string | Uint8Array): X509Certificate {
  const [first] = looksLikePem(data) ? readCertificates(data) : [parseCertificate(asBuffer(data))];
  if (!first) throw new CryptoError('CERTIFICATE_INVALID', 'No certificate found in the input.');
  return first;
}

/** Reads every CERTIFICATE block of a PEM bundle, in order (DER input yields one certificate). */
export function readCertificates(data: string | Uint8Array): X509Certificate[] {
  if (!looksLikePem(data)) return [parseCertificate(asBuffer(data))];
  const text = typeof data === 'string' ? data : asBuffer(data).toString('utf8');
  const blocks = [...text.matchAll(PEM_BLOCK)].filter(
    (m) => m[1] === 'CERTIFICATE' || m[1] === 'X509 CERTIFICATE',
  );
  if (blocks.length === 0)
    throw new CryptoError('CERTIFICATE_INVALID', 'No "CERTIFICATE" PEM block found in the input.');
  return blocks.map((m) => parseCertificate(Buffer.from(m[0], 'utf8')));
}

function parseCertificate(data: Buffer): X509Certificate {
  try {
    return new X509Certificate(data);
  } catch (cause) {
    throw new CryptoError(
      'CERTIFICATE_INVALID',
      'The certificate could not be parsed (expected X.509, PEM or DER).',
      {
        cause,
      },
    );
  }
}

/**
 * Reads a PKCS#12 keystore (.p12/.pfx, including OpenSSL 3 defaults and legacy RC2/3DES files):
 * the private key, the certificate that belongs to it, and the other certificates as `chain`.
 */
export function readPkcs12(
  data: Uint8Array,
  password: string,
): { privateKey: KeyObject; certificate: X509Certificate; chain: X509Certificate[] } {
  const forgeLib = nodeForge();
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forgeLib.asn1.fromDer(forgeLib.util.createBuffer(Buffer.from(data).toString('binary')));
    p12 = forgeLib.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : '';
    if (/invalid password|mac could not be verified/i.test(message)) {
      throw new CryptoError('PKCS12_PASSWORD_WRONG', 'The PKCS#12 keystore password is wrong.');
    }
    throw new CryptoError(
      'PKCS12_INVALID',
      `The PKCS#12 keystore could not be read: ${message || 'not PKCS#12'}.`,
      {
        cause: redactedCause(cause),
      },
    );
  }
  const keys: KeyObject[] = [];
  const certificates: X509Certificate[] = [];
  try {
    for (const safe of p12.safeContents) {
      for (const bag of safe.safeBags) {
        if (bag.key) keys.push(createPrivateKey(forgeLib.pki.privateKeyToPem(bag.key)));
        else if (
          bag.type === forgeLib.pki.oids.pkcs8ShroudedKeyBag ||
          bag.type === forgeLib.pki.oids.keyBag
        ) {
          // forge leaves non-RSA keys as ASN.1; Node reads them from PKCS#8 DER.
          if (bag.asn1) keys.push(createPrivateKey({ key: derOf(bag.asn1), format: 'der', type: 'pkcs8' }));
        } else if (bag.type === forgeLib.pki.oids.certBag) {
          const asn1 = bag.cert ? forgeLib.pki.certificateToAsn1(bag.cert) : bag.asn1;
          if (asn1) certificates.push(new X509Certificate(derOf(asn1)));
        }
      }
    }
  } catch (cause) {
    throw new CryptoError(
      'PKCS12_INVALID',
      'The PKCS#12 keystore holds a key or certificate that could not be read.',
      {
        cause: redactedCause(cause),
      },
    );
  }
  const [privateKey] = keys;
  if (!privateKey) throw new CryptoError('PKCS12_INVALID', 'The PKCS#12 keystore holds no private key.');
  if (keys.length > 1) {
    throw new CryptoError(
      'PKCS12_INVALID',
      `The PKCS#12 keystore holds ${keys.length} private keys; expected one.`,
    );
  }
  const certificate = certificates.find((c) => keyMatchesCertificate(privateKey, c));
  if (!certificate) {
    throw new CryptoError(
      'PKCS12_INVALID',
      'The PKCS#12 keystore holds no certificate for its private key.',
      {
        details: { certificates: certificates.length },
      },
    );
  }
  return { privateKey, certificate, chain: certificates.filter((c) => c !== certificate) };
}

/** True when `key` (private or public) is the key pair of `cert`'s public key. */
export function keyMatchesCertificate(key: KeyObject, cert: X509Certificate): boolean {
  try {
    if (key.type === 'private') return cert.checkPrivateKey(key);
    return key.equals(cert.publicKey);
  } catch {
    return false;
  }
}

function derOf(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(nodeForge().asn1.toDer(asn1).getBytes(), 'binary');
}

/** Keeps an underlying error's message for diagnosis but never its properties (which may hold key bytes). */
function redactedCause(cause: unknown): Error | undefined {
  return cause instanceof Error ? new Error(cause.message) : undefined;
}
