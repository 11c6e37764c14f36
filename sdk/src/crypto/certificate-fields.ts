import type { X509Certificate } from 'node:crypto';
import { childrenOf, contentOf, encodingOf, oidOf, readSingleTlv } from './ber-reader.js';
import { CryptoError } from './crypto-error.js';
import { OID } from './object-identifiers.js';

/** The parts of a certificate that CMS uses to name it. Buffers are DER encodings or contents. */
export interface CertificateIdentity {
  /** DER of the issuer Name. */
  issuer: Buffer;
  /** DER of the serialNumber INTEGER (identifier through content). */
  serialNumber: Buffer;
  /** Contents of the subjectKeyIdentifier extension, when present. */
  subjectKeyIdentifier: Buffer | undefined;
}

const cache = new WeakMap<X509Certificate, CertificateIdentity>();

/** Reads the issuer, serial number and subject key identifier from the certificate's DER. */
export function certificateIdentity(certificate: X509Certificate): CertificateIdentity {
  const cached = cache.get(certificate);
  if (cached) return cached;
  let identity: CertificateIdentity;
  try {
    const [tbs] = childrenOf(readSingleTlv(certificate.raw));
    if (!tbs) throw new Error('no TBSCertificate');
    const fields = childrenOf(tbs);
    const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
    const serial = fields[offset];
    const issuer = fields[offset + 2];
    if (serial?.tag !== 0x02 || issuer?.tag !== 0x30) throw new Error('unexpected TBSCertificate layout');
    const extensions = fields.find((f) => f.tag === 0xa3);
    let subjectKeyIdentifier: Buffer | undefined;
    for (const extension of extensions ? childrenOf(childrenOf(extensions)[0] ?? extensions) : []) {
      const parts = childrenOf(extension);
      const [id] = parts;
      const value = parts[parts.length - 1];
      if (id && value && oidOf(id) === OID.subjectKeyIdentifier) {
        subjectKeyIdentifier = Buffer.from(contentOf(readSingleTlv(contentOf(value))));
      }
    }
    identity = {
      issuer: Buffer.from(encodingOf(issuer)),
      serialNumber: Buffer.from(encodingOf(serial)),
      subjectKeyIdentifier,
    };
  } catch (cause) {
    throw new CryptoError(
      'CERTIFICATE_INVALID',
      'The certificate could not be decoded (issuer, serial number).',
      {
        cause,
        details: { subject: certificate.subject },
      },
    );
  }
  cache.set(certificate, identity);
  return identity;
}
