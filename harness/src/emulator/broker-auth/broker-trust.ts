import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmulatorError } from '../emulator-error.js';

/** File names beside the written configs. */
export const BROKER_CA_FILE = 'broker-ca.pem';
export const BROKER_TRUST_NOTE_FILE = 'broker-ca.txt';

function trustNote(amqpsUrl: string): string {
  return `The broker's AMQPS listener (${amqpsUrl}) has a certificate from a development CA: ${BROKER_CA_FILE}.
Clients with KS's default TLS settings (certificate checked against the system's trust, host name
checked) connect once they trust it:
- this SDK (Node.js): start the process with NODE_EXTRA_CA_CERTS=${BROKER_CA_FILE} (its path);
- KS.Fiks.IO.Client (.NET): pass an SslOption { Enabled = true, ServerName = "localhost",
  CertificateValidationCallback } that accepts the chain ending in this CA, or add the CA to the
  machine's trust (Debian: copy it to /usr/local/share/ca-certificates/fiks-io-emulator.crt and
  run update-ca-certificates);
- fiks-io-klient-java: -Djavax.net.ssl.trustStore=<a PKCS#12 trust store holding this CA>
  -Djavax.net.ssl.trustStorePassword=... (keytool -importcert -file ${BROKER_CA_FILE}).
Never trust this CA outside development.
`;
}

/**
 * Copies the broker's development CA beside the configs (`broker-ca.pem`) with a note on how each
 * client trusts it (`broker-ca.txt`). Returns the copied CA's path. `BROKER_CA_INVALID` (400) when
 * the file is no PEM certificate.
 */
export async function writeBrokerTrust(dir: string, caFile: string, amqpsUrl: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(caFile, 'utf8');
    new X509Certificate(pem);
  } catch (cause) {
    throw new EmulatorError(
      400,
      'BROKER_CA_INVALID',
      `--broker-ca ${caFile} is not a readable PEM certificate`,
      {
        cause,
        details: { file: caFile },
      },
    );
  }
  const path = join(dir, BROKER_CA_FILE);
  await writeFile(path, pem);
  await writeFile(join(dir, BROKER_TRUST_NOTE_FILE), trustNote(amqpsUrl));
  return path;
}
