// Test key material that needs nothing from the crypto layer: an RSA key from node:crypto and a
// self-signed certificate built with node-forge.
import { generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export interface TestCertificate {
  privateKey: KeyObject;
  certificate: X509Certificate;
  privateKeyPem: string;
  certificatePem: string;
}

/** A fresh RSA-2048 key and a self-signed certificate for it, valid for a day. */
export function makeTestCertificate(commonName = 'Test Virksomhet'): TestCertificate {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privateKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const attrs = [{ name: 'commonName', value: commonName }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forgeKey, forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  return { privateKey, certificate: new X509Certificate(certificatePem), privateKeyPem, certificatePem };
}
