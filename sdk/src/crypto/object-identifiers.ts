/** Object identifiers used by the CMS, X.509 and PKCS#1 code, in dotted form. */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaesOaep: '1.2.840.113549.1.1.7',
  mgf1: '1.2.840.113549.1.1.8',
  pSpecified: '1.2.840.113549.1.1.9',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  aes192Cbc: '2.16.840.1.101.3.4.1.22',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

/** The digest algorithms CMS signatures and OAEP parameters may name. */
export type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** Digest OID → Node digest name. */
export const DIGEST_BY_OID: ReadonlyMap<string, DigestName> = new Map([
  [OID.sha1, 'sha1'],
  [OID.sha256, 'sha256'],
  [OID.sha384, 'sha384'],
  [OID.sha512, 'sha512'],
]);

/** `<digest>WithRSAEncryption` OID → Node digest name. */
export const RSA_SIGNATURE_DIGEST_BY_OID: ReadonlyMap<string, DigestName> = new Map([
  [OID.sha1WithRsa, 'sha1'],
  [OID.sha256WithRsa, 'sha256'],
  [OID.sha384WithRsa, 'sha384'],
  [OID.sha512WithRsa, 'sha512'],
]);

/** AES-CBC content-encryption OID → key length in bytes. */
export const AES_CBC_KEY_BYTES_BY_OID: ReadonlyMap<string, 16 | 24 | 32> = new Map([
  [OID.aes128Cbc, 16],
  [OID.aes192Cbc, 24],
  [OID.aes256Cbc, 32],
]);
