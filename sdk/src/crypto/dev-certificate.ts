/**
 * Self-signed RSA certificates for development and tests, shaped like a Norwegian enterprise
 * certificate (CN, O, organizationIdentifier "NTRNO-<orgnr>", serialNumber <orgnr>).
 */
import { generateKeyPair, type KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { CryptoError } from './crypto-error.js';

const generateRsaKeyPair = promisify(generateKeyPair);
const ORGANIZATION_IDENTIFIER = '2.5.4.97';

/** Options for {@link generateDevCertificate}. */
export interface DevCertificateOptions {
  commonName: string;
  /** Nine-digit Norwegian organisation number. */
  organizationNumber?: string;
  /** Validity in days from now (default 365). */
  days?: number;
  /** RSA modulus length in bits (default 2048). */
  modulusLength?: number;
}

/** Generates an RSA key pair (node:crypto) and a self-signed SHA-256 certificate for it (node-forge). */
export async function generateDevCertificate(options: DevCertificateOptions): Promise<{
  privateKey: KeyObject;
  certificate: X509Certificate;
  privateKeyPem: string;
  certificatePem: string;
}> {
  const { commonName, organizationNumber, days = 365, modulusLength = 2048 } = options;
  if (organizationNumber !== undefined && !/^\d{9}$/.test(organizationNumber)) {
    throw new CryptoError('CERTIFICATE_INVALID', 'organizationNumber must be nine digits.');
  }
  if (!Number.isFinite(days) || days <= 0)
    throw new CryptoError('CERTIFICATE_INVALID', 'days must be positive.');
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', {
    modulusLength,
    publicExponent: 0x10001,
  });
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40; // positive, full length
  cert.serialNumber = serial.toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60_000);
  cert.validity.notAfter = new Date(now + days * 86_400_000);
  // UTF8String values, so that names with æ, ø and å encode correctly.
  const utf8 = (attribute: { name?: string; shortName?: string; type?: string; value: string }) =>
    ({ ...attribute, valueTagClass: forge.asn1.Type.UTF8 }) as unknown as forge.pki.CertificateField;
  const subject: forge.pki.CertificateField[] = [
    { shortName: 'C', value: 'NO' },
    utf8({ name: 'organizationName', value: commonName }),
  ];
  if (organizationNumber !== undefined) {
    subject.push(utf8({ type: ORGANIZATION_IDENTIFIER, value: `NTRNO-${organizationNumber}` }));
    subject.push({ name: 'serialNumber', value: organizationNumber });
  }
  subject.push(utf8({ name: 'commonName', value: commonName }));
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    {
      name: 'keyUsage',
      critical: true,
      digitalSignature: true,
      nonRepudiation: true,
      keyEncipherment: true,
      dataEncipherment: true,
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  return { privateKey, certificate: new X509Certificate(certificatePem), privateKeyPem, certificatePem };
}
