// Request/answer round trips between two in-process parties over the in-memory transport, fully
// sealed and opened (signed ASiC-E, CMS envelope, schema validation both ways). Prints p50/p99
// next to a baseline measured in the same run: one seal + open of the same payload, the floor
// under any round trip (a round trip does two of each). Asserts nothing.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { FiksIoClient } from '../src/client/fiks-io-client.js';
import { generateDevCertificate } from '../src/crypto/dev-certificate.js';
import { openPayload } from '../src/payload/open.js';
import { sealPayloadToBuffer } from '../src/payload/seal.js';
import { ProtocolCatalog } from '../src/protocol/protocol-catalog.js';
import { ProtocolRequester } from '../src/protocol/protocol-requester.js';
import { ProtocolResponder } from '../src/protocol/protocol-responder.js';
import { InProcessFiksIo } from '../test/support/in-process-fiks-io.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const OPPRETT = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett';
const RESULTAT = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat';
const examples = join(protocolsRoot, 'no.ks.fiks.faktura.betalingsutsettelse/v1/examples');
const read = (type: string, name: string) => JSON.parse(readFileSync(join(examples, type, name), 'utf8'));
const requestExample = read(OPPRETT, 'person-alle-felter.json');
const answerExample = read(RESULTAT, 'innvilget-flyttet-til-virkedag.json');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const [portalKeys, erpKeys] = await Promise.all([
  generateDevCertificate({ commonName: 'Min kommune' }),
  generateDevCertificate({ commonName: 'Fakturasystem' }),
]);
const platform = new InProcessFiksIo();
const portalId = randomUUID();
const erpId = randomUUID();
platform.addAccount(portalId, portalKeys.certificate);
platform.addAccount(erpId, erpKeys.certificate);
const client = (kontoId: string, keys: typeof portalKeys) =>
  new FiksIoClient({
    connection: platform.connection(kontoId),
    signer: { certificate: keys.certificate, privateKey: keys.privateKey },
    privateKeys: [keys.privateKey],
  });
const portal = client(portalId, portalKeys);
const erp = client(erpId, erpKeys);
const catalog = ProtocolCatalog.load();
const requester = new ProtocolRequester(portal, catalog);
const responder = new ProtocolResponder(erp, catalog).handle(OPPRETT, async ({ payload }) => ({
  meldingType: RESULTAT,
  payload: { ...answerExample, foresporselId: payload.foresporselId },
}));
await Promise.all([requester.start(), responder.start()]);

const files = [{ name: 'payload.json', data: Buffer.from(JSON.stringify(requestExample)) }];
const signer = { certificate: portalKeys.certificate, privateKey: portalKeys.privateKey };
const baseline: number[] = [];
for (let i = 0; i < Math.min(ROUNDS, 200); i++) {
  const started = performance.now();
  const sealed = await sealPayloadToBuffer({ files, signer, recipient: erpKeys.certificate });
  await openPayload(sealed, { privateKeys: [erpKeys.privateKey] });
  baseline.push(performance.now() - started);
}

const times: number[] = [];
for (let i = 0; i < ROUNDS + 20; i++) {
  const answer = await requester.request(
    OPPRETT,
    { ...requestExample, foresporselId: randomUUID() },
    { to: erpId },
  );
  if (i >= 20) times.push(answer.elapsedMs); // the first rounds warm up the JIT
}
await Promise.all([portal.close(), erp.close()]);

times.sort((a, b) => a - b);
baseline.sort((a, b) => a - b);
const p50 = percentile(times, 50);
const p99 = percentile(times, 99);
const b50 = percentile(baseline, 50);
console.log(
  `Protocol round trip over the in-memory transport (${ROUNDS} requests, sealed and opened both ways)`,
);
console.table({
  'round trip': { p50_ms: +p50.toFixed(2), p99_ms: +p99.toFixed(2), max_ms: +times.at(-1)!.toFixed(2) },
  'baseline: one seal + open': {
    p50_ms: +b50.toFixed(2),
    p99_ms: +percentile(baseline, 99).toFixed(2),
    max_ms: +baseline.at(-1)!.toFixed(2),
  },
});
console.log(
  `round trip p50 / (2 × seal+open p50) = ${(p50 / (2 * b50)).toFixed(2)}; target p99 well under 50 ms: ${p99.toFixed(1)} ms`,
);
