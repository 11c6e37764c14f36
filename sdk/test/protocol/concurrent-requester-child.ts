// One requester process on the shared account: starts consuming, says so on stdout, waits for a
// line on stdin, sends one request and prints the answer's foresporselId and the time it took.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { FiksIoClient } from '../../src/client/fiks-io-client.js';
import { readCertificate, readPrivateKey } from '../../src/crypto/key-material.js';
import { ProtocolCatalog } from '../../src/protocol/protocol-catalog.js';
import { ProtocolRequester } from '../../src/protocol/protocol-requester.js';
import { amqpTestConnection } from './amqp-test-platform.js';

interface Setup {
  url: string;
  portalKontoId: string;
  erpKontoId: string;
  portalKeyPem: string;
  portalCertificatePem: string;
  erpCertificatePem: string;
  request: Record<string, unknown>;
  deadlineMs: number;
}

const setup = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as Setup;
const portalCertificate = readCertificate(setup.portalCertificatePem);
const privateKey = readPrivateKey(setup.portalKeyPem);
const connection = await amqpTestConnection(
  setup.url,
  setup.portalKontoId,
  new Map([
    [setup.portalKontoId, portalCertificate],
    [setup.erpKontoId, readCertificate(setup.erpCertificatePem)],
  ]),
);
const client = new FiksIoClient({
  connection,
  signer: { certificate: portalCertificate, privateKey },
  privateKeys: [privateKey],
});
const events: string[] = [];
const requester = new ProtocolRequester(client, ProtocolCatalog.load(), {
  onUnmatched: (message) => events.push(`unmatched ${message.meldingType} ${message.svarPaMelding}`),
  onError: (error) => events.push(`error ${error.message}`),
});
await requester.start();
console.log(JSON.stringify({ ready: true }));
await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
const foresporselId = randomUUID();
try {
  const answer = await requester.request(
    'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett',
    { ...setup.request, foresporselId } as never,
    { to: setup.erpKontoId, deadlineMs: setup.deadlineMs },
  );
  console.log(
    JSON.stringify({
      sent: foresporselId,
      answered: (answer.payload as { foresporselId?: string }).foresporselId,
      elapsedMs: Math.round(answer.elapsedMs),
    }),
  );
} catch (error) {
  console.log(JSON.stringify({ sent: foresporselId, error: String(error), events }));
} finally {
  await client.close({ graceMs: 500 });
}
