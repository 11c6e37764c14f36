// Sends one large generated payload with FiksIoClient to the HTTP sink named on the command line
// and prints its peak memory (VmHWM) as one JSON line. Run by large-send.test.ts in its own process
// so the peak measures only this work.
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FiksIoClient } from '../../src/client/fiks-io-client.js';
import { Secret } from '../../src/config/secret.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { FiksIoCredentials } from '../../src/http/fiks-io-credentials.js';
import { FiksIoSender } from '../../src/http/fiks-io-sender.js';

const [sinkUrl = '', work = '', megabytes = '1024'] = process.argv.slice(2);
const OWN = '11111111-1111-4111-8111-111111111111';
const TO = '22222222-2222-4222-8222-222222222222';
const sender = await generateDevCertificate({ commonName: 'Avsender' });
const receiver = await generateDevCertificate({ commonName: 'Mottaker' });

// The input is generated block by block into a file, never held whole.
const inputPath = join(work, 'stor.bin');
const block = Buffer.alloc(8 * 1024 * 1024);
const file = await open(inputPath, 'w');
for (let i = 0; i < Number(megabytes) / 8; i++) {
  block.writeUInt32LE(i, (i * 4099) % (block.length - 4));
  await file.write(block);
}
await file.close();

const http = new FiksIoSender({
  apiUrl: sinkUrl,
  kontoId: OWN,
  credentials: new FiksIoCredentials({
    integrasjonId: '33333333-3333-4333-8333-333333333333',
    integrasjonPassord: new Secret('passord'),
    tokenProvider: { getAccessToken: async () => 'token' },
  }),
});
const client = new FiksIoClient({
  connection: {
    kontoId: OWN,
    send: (request) => http.send(request),
    recipientCertificate: async () => receiver.certificate,
    downloadDokumentlager: async () => {
      throw new Error('not used');
    },
    createReceiver: () => {
      throw new Error('not used');
    },
  },
  signer: sender,
  privateKeys: [sender.privateKey],
});
const started = Date.now();
const sent = await client.send({
  mottakerKontoId: TO,
  meldingType: 'no.ks.fiks.test.v1.stor',
  files: [{ name: 'stor.bin', data: inputPath }],
});
const status = await readFile('/proc/self/status', 'utf8');
console.log(
  JSON.stringify({
    vmHwmKb: Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]),
    sendMs: Date.now() - started,
    meldingId: sent.meldingId,
  }),
);
