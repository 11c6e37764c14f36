/**
 * Detached CMS SignedData (CAdES-BES style): signing with sha256WithRSAEncryption and the signed
 * attributes contentType, messageDigest, signingTime and signingCertificateV2; verification of
 * RSA PKCS#1 v1.5 signatures (SHA-1/256/384/512) with or without signed attributes, as written
 * by OpenSSL, BouncyCastle (Java and .NET) and this module.
 */
import { createHash, type KeyObject, sign, verify, X509Certificate } from 'node:crypto';
import {
  BerDecodeError,
  type BerNode,
  childrenOf,
  contentOf,
  encodingOf,
  expectChild,
  oidOf,
  readSingleTlv,
} from './ber-reader.js';
import { certificateIdentity } from './certificate-fields.js';
import { CryptoError } from './crypto-error.js';
import {
  contextTag,
  derAlgorithm,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derSetOf,
  derSmallInteger,
  derTime,
  derValue,
} from './der-writer.js';
import { DIGEST_BY_OID, type DigestName, OID, RSA_SIGNATURE_DIGEST_BY_OID } from './object-identifiers.js';

/** The signing key, its certificate (embedded in the signature) and optional intermediates to embed. */
export interface Signer {
  certificate: X509Certificate;
  privateKey: KeyObject;
  chain?: X509Certificate[];
}

/** The outcome of a successful {@link verifyDetached}. */
export interface SignatureCheck {
  /** The certificate of the (first) SignerInfo. */
  signer: X509Certificate;
  /** The weakest digest algorithm among the SignerInfos (all of which verified). */
  digestAlgorithm: DigestName;
  signerInfoCount: number;
  /** The signingTime attribute of the first SignerInfo, when present. */
  signingTime?: Date;
}

function attribute(oid: string, value: Buffer): Buffer {
  return derSequence(derOid(oid), derSetOf(value));
}

/**
 * Signs `content` and returns DER ContentInfo(SignedData) without the content (detached):
 * sha256WithRSAEncryption, signed attributes, the signer certificate (and chain) included.
 */
export function signDetached(content: Uint8Array, signer: Signer): Buffer {
  const { certificate, privateKey, chain = [] } = signer;
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new CryptoError('UNSUPPORTED_ALGORITHM', 'Only RSA signing keys are supported.');
  }
  if (privateKey.type !== 'private' || !certificate.checkPrivateKey(privateKey)) {
    throw new CryptoError('KEY_INVALID', 'The private key does not belong to the signer certificate.', {
      details: { subject: certificate.subject },
    });
  }
  const { issuer, serialNumber } = certificateIdentity(certificate);
  const issuerAndSerialNumber = derSequence(issuer, serialNumber);
  const essCertIdV2 = derSequence(
    derOctetString(createHash('sha256').update(certificate.raw).digest()),
    derSequence(derSequence(derValue(contextTag(4), issuer)), serialNumber),
  );
  const signedAttributes = derSetOf(
    attribute(OID.contentType, derOid(OID.data)),
    attribute(OID.signingTime, derTime(new Date())),
    attribute(OID.messageDigest, derOctetString(createHash('sha256').update(content).digest())),
    attribute(OID.signingCertificateV2, derSequence(derSequence(essCertIdV2))),
  );
  const signature = sign('sha256', signedAttributes, privateKey);
  const implicitAttributes = Buffer.from(signedAttributes);
  implicitAttributes[0] = contextTag(0);
  const sha256 = derAlgorithm(OID.sha256);
  const signerInfo = derSequence(
    derSmallInteger(1),
    issuerAndSerialNumber,
    sha256,
    implicitAttributes,
    derAlgorithm(OID.sha256WithRsa, derNull()),
    derOctetString(signature),
  );
  const signedData = derSequence(
    derSmallInteger(1),
    derSetOf(sha256),
    derSequence(derOid(OID.data)),
    derValue(contextTag(0), certificate.raw, ...chain.map((c) => c.raw)),
    derSetOf(signerInfo),
  );
  return derSequence(derOid(OID.signedData), derValue(contextTag(0), signedData));
}

const DIGEST_STRENGTH: readonly DigestName[] = ['sha1', 'sha256', 'sha384', 'sha512'];

/**
 * Verifies a detached CMS signature over `content`. Every SignerInfo must verify. With
 * `trusted`, every signer certificate must be one of the trusted certificates.
 */
export function verifyDetached(
  signature: Uint8Array,
  content: Uint8Array,
  options: { trusted?: X509Certificate[] } = {},
): SignatureCheck {
  try {
    const der = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
    return verifySignedData(parseSignedData(der), content, options.trusted);
  } catch (cause) {
    if (cause instanceof CryptoError) throw cause;
    throw new CryptoError('SIGNATURE_MALFORMED', 'The signature is not a decodable CMS SignedData.', {
      cause,
      details: cause instanceof BerDecodeError ? { reason: cause.message } : {},
    });
  }
}

function verifySignedData(
  parsed: ParsedSignedData,
  content: Uint8Array,
  trusted: X509Certificate[] | undefined,
): SignatureCheck {
  const digests = new Map<DigestName, Buffer>();
  const digestOf = (name: DigestName) => {
    let digest = digests.get(name);
    if (!digest) {
      digest = createHash(name).update(content).digest();
      digests.set(name, digest);
    }
    return digest;
  };
  const results = parsed.signerInfos.map((info, index) => {
    const certificate = findSignerCertificate(info, parsed.certificates, index);
    let signedBytes: Uint8Array = content;
    let signingTime: Date | undefined;
    if (info.signedAttributes) {
      const attributes = attributesOf(info.signedAttributes);
      const messageDigest = attributes.get(OID.messageDigest);
      if (!messageDigest) {
        throw new CryptoError(
          'SIGNATURE_INVALID',
          `SignerInfo ${index + 1} has signed attributes but no messageDigest.`,
        );
      }
      if (!contentOf(messageDigest).equals(digestOf(info.digest))) {
        throw new CryptoError(
          'MESSAGE_DIGEST_MISMATCH',
          `The content does not match the digest signed by SignerInfo ${index + 1}.`,
          {
            details: { digestAlgorithm: info.digest },
          },
        );
      }
      const contentType = attributes.get(OID.contentType);
      if (contentType && oidOf(contentType) !== parsed.contentType) {
        throw new CryptoError('SIGNATURE_INVALID', `SignerInfo ${index + 1} signs a different content type.`);
      }
      const time = attributes.get(OID.signingTime);
      signingTime = time ? timeOf(time) : undefined;
      const der = Buffer.from(encodingOf(info.signedAttributes));
      der[0] = 0x31; // the signature covers the attributes as a DER SET OF
      signedBytes = der;
    }
    let ok = false;
    try {
      ok = verify(info.signatureDigest, signedBytes, certificate.publicKey, info.signature);
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new CryptoError(
        'SIGNATURE_INVALID',
        `SignerInfo ${index + 1} does not verify with its certificate.`,
        {
          details: { subject: certificate.subject },
        },
      );
    }
    if (trusted && !trusted.some((t) => t.raw.equals(certificate.raw))) {
      throw new CryptoError(
        'SIGNER_NOT_TRUSTED',
        'The signer certificate is not among the trusted certificates.',
        {
          details: { subject: certificate.subject, fingerprint256: certificate.fingerprint256 },
        },
      );
    }
    return { certificate, digest: info.digest, signingTime };
  });
  const [first] = results;
  if (!first) throw new CryptoError('SIGNATURE_MALFORMED', 'The signature holds no SignerInfo.');
  const weakest = results.reduce(
    (w, r) => (DIGEST_STRENGTH.indexOf(r.digest) < DIGEST_STRENGTH.indexOf(w) ? r.digest : w),
    first.digest,
  );
  return {
    signer: first.certificate,
    digestAlgorithm: weakest,
    signerInfoCount: results.length,
    ...(first.signingTime ? { signingTime: first.signingTime } : {}),
  };
}

interface ParsedSignerInfo {
  sid: BerNode;
  digest: DigestName;
  signatureDigest: DigestName;
  signedAttributes: BerNode | undefined;
  signature: Buffer;
}

interface ParsedSignedData {
  contentType: string;
  certificates: X509Certificate[];
  signerInfos: ParsedSignerInfo[];
}

function parseSignedData(der: Buffer): ParsedSignedData {
  const contentInfo = childrenOf(readSingleTlv(der));
  const type = oidOf(expectChild(contentInfo, 0, 0x06, 'a contentType'));
  if (type !== OID.signedData) {
    throw new CryptoError('SIGNATURE_MALFORMED', `Expected CMS SignedData, got content type ${type}.`);
  }
  const [signedDataNode] = childrenOf(expectChild(contentInfo, 1, contextTag(0), 'the [0] content'));
  if (signedDataNode?.tag !== 0x30) throw new BerDecodeError('expected the SignedData SEQUENCE');
  const fields = childrenOf(signedDataNode);
  const encapsulated = childrenOf(expectChild(fields, 2, 0x30, 'encapContentInfo'));
  const contentType = oidOf(expectChild(encapsulated, 0, 0x06, 'eContentType'));
  const certificateSet = fields.find((f) => f.tag === contextTag(0));
  const certificates = certificateSet
    ? childrenOf(certificateSet)
        .filter((c) => c.tag === 0x30)
        .map((c) => parsedCertificate(encodingOf(c)))
    : [];
  const signerInfoSet = fields[fields.length - 1];
  if (fields.length < 4 || signerInfoSet?.tag !== 0x31)
    throw new BerDecodeError('expected the signerInfos SET');
  return { contentType, certificates, signerInfos: childrenOf(signerInfoSet).map(parseSignerInfo) };
}

const CERTIFICATE_CACHE_SIZE = 64;
const certificateCache = new Map<string, X509Certificate>();

/**
 * The certificate with this DER, parsed once: signatures from the same senders embed the same
 * certificates, and parsing one costs more than verifying the signature. Bounded; least recently
 * used first out.
 */
function parsedCertificate(der: Buffer): X509Certificate {
  const key = der.toString('base64');
  const cached = certificateCache.get(key);
  if (cached) {
    certificateCache.delete(key);
    certificateCache.set(key, cached);
    return cached;
  }
  const certificate = new X509Certificate(der);
  certificateCache.set(key, certificate);
  if (certificateCache.size > CERTIFICATE_CACHE_SIZE) {
    const [oldest] = certificateCache.keys();
    if (oldest !== undefined) certificateCache.delete(oldest);
  }
  return certificate;
}

function digestNamed(oid: string): DigestName {
  const digest = DIGEST_BY_OID.get(oid);
  if (!digest)
    throw new CryptoError('UNSUPPORTED_ALGORITHM', `Unsupported digest algorithm ${oid}.`, {
      details: { oid },
    });
  return digest;
}

function parseSignerInfo(node: BerNode): ParsedSignerInfo {
  const fields = childrenOf(node);
  const sid = fields[1];
  if (!sid) throw new BerDecodeError('SignerInfo without sid');
  const digest = digestNamed(
    oidOf(expectChild(childrenOf(expectChild(fields, 2, 0x30, 'digestAlgorithm')), 0, 0x06, 'an OID')),
  );
  const hasAttributes = fields[3]?.tag === contextTag(0);
  const algorithmNode = expectChild(fields, hasAttributes ? 4 : 3, 0x30, 'signatureAlgorithm');
  const signatureNode = expectChild(fields, hasAttributes ? 5 : 4, 0x04, 'the signature');
  const algorithm = oidOf(expectChild(childrenOf(algorithmNode), 0, 0x06, 'an OID'));
  let signatureDigest: DigestName | undefined = RSA_SIGNATURE_DIGEST_BY_OID.get(algorithm);
  if (algorithm === OID.rsaEncryption) signatureDigest = digest;
  if (!signatureDigest) {
    throw new CryptoError('UNSUPPORTED_ALGORITHM', `Unsupported signature algorithm ${algorithm}.`, {
      details: { oid: algorithm },
    });
  }
  return {
    sid,
    digest,
    signatureDigest,
    signedAttributes: hasAttributes ? fields[3] : undefined,
    signature: contentOf(signatureNode),
  };
}

/** Signed attributes by type: the first value of each. */
function attributesOf(attributes: BerNode): Map<string, BerNode> {
  const out = new Map<string, BerNode>();
  for (const attr of childrenOf(attributes)) {
    const [type, values] = childrenOf(attr);
    const [value] = values ? childrenOf(values) : [];
    if (!type || !value) throw new BerDecodeError('empty attribute');
    out.set(oidOf(type), value);
  }
  return out;
}

function findSignerCertificate(
  info: ParsedSignerInfo,
  certificates: X509Certificate[],
  index: number,
): X509Certificate {
  const { sid } = info;
  const match = certificates.find((certificate) => {
    let identity: ReturnType<typeof certificateIdentity>;
    try {
      identity = certificateIdentity(certificate);
    } catch {
      return false; // a certificate this reader cannot decode cannot be the signer's
    }
    if (sid.tag === 0x30) {
      const [issuer, serial] = childrenOf(sid);
      return (
        !!issuer &&
        !!serial &&
        encodingOf(issuer).equals(identity.issuer) &&
        encodingOf(serial).equals(identity.serialNumber)
      );
    }
    return (
      sid.tag === contextTag(0, true) &&
      !!identity.subjectKeyIdentifier &&
      contentOf(sid).equals(identity.subjectKeyIdentifier)
    );
  });
  if (!match) {
    throw new CryptoError(
      'SIGNATURE_MALFORMED',
      `The certificate of SignerInfo ${index + 1} is not included in the signature.`,
      {
        details: { certificates: certificates.length },
      },
    );
  }
  return match;
}

/** Decodes a UTCTime or GeneralizedTime (Z or without zone); undefined when unparseable. */
function timeOf(node: BerNode): Date | undefined {
  const text = contentOf(node).toString('latin1');
  const match =
    node.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : node.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z?$/.exec(text)
        : null;
  if (!match) return undefined;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '0'] = match;
  let year = Number(y);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
