import { randomUUID, type X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FiksIoClient } from '../../src/client/fiks-io-client.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { ProtocolCatalog } from '../../src/protocol/protocol-catalog.js';
import { ProtocolRequester } from '../../src/protocol/protocol-requester.js';
import { ProtocolResponder } from '../../src/protocol/protocol-responder.js';
import { InProcessFiksIo } from '../support/in-process-fiks-io.js';

const OPPRETT = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett';
const RESULTAT = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat';
const UGYLDIG = 'no.ks.fiks.faktura.betalingsutsettelse.v1.feilmelding.ugyldigforespoersel';
const examples = join(protocolsRoot, 'no.ks.fiks.faktura.betalingsutsettelse/v1/examples');
const example = (type: string, name: string) => JSON.parse(readFileSync(join(examples, type, name), 'utf8'));

const catalog = ProtocolCatalog.load();
const [portalKeys, erpKeys, strangerKeys] = await Promise.all([
  generateDevCertificate({ commonName: 'Min kommune (test)' }),
  generateDevCertificate({ commonName: 'Fakturasystem (test)' }),
  generateDevCertificate({ commonName: 'Ukjent (test)' }),
]);

/**
 * The portal's account publishes `portalKeys` in the catalog; it signs with `signWith`. The
 * responder's client trusts `trust.signers` (beside the catalog) or, strictly, `trust.open`. Returns the answer's type and whether the
 * handler ran.
 */
async function ask(
  signWith: typeof portalKeys,
  trust: { open?: X509Certificate[]; signers?: X509Certificate[] } = {},
) {
  const platform = new InProcessFiksIo();
  const portalKontoId = randomUUID();
  const erpKontoId = randomUUID();
  platform.addAccount(portalKontoId, portalKeys.certificate);
  platform.addAccount(erpKontoId, erpKeys.certificate);
  const portal = new FiksIoClient({
    connection: platform.connection(portalKontoId),
    signer: { certificate: signWith.certificate, privateKey: signWith.privateKey },
    privateKeys: [portalKeys.privateKey],
  });
  const erp = new FiksIoClient({
    connection: platform.connection(erpKontoId),
    signer: { certificate: erpKeys.certificate, privateKey: erpKeys.privateKey },
    privateKeys: [erpKeys.privateKey],
    ...(trust.open === undefined ? {} : { open: { trusted: trust.open } }),
    ...(trust.signers === undefined ? {} : { trustedSigners: trust.signers }),
  });
  const requester = new ProtocolRequester(portal, catalog);
  const responder = new ProtocolResponder(erp, catalog);
  let handled = false;
  responder.handle(OPPRETT, async ({ payload }) => {
    handled = true;
    return {
      meldingType: RESULTAT,
      payload: {
        ...example(RESULTAT, 'innvilget-flyttet-til-virkedag.json'),
        foresporselId: payload.foresporselId,
      },
    };
  });
  await requester.start();
  await responder.start();
  try {
    const sent = { ...example(OPPRETT, 'person-alle-felter.json'), foresporselId: randomUUID() };
    const answer = await requester.request(OPPRETT, sent, { to: erpKontoId, deadlineMs: 5000 });
    return { meldingType: answer.meldingType, payload: answer.payload, handled };
  } finally {
    await Promise.all([portal.close({ graceMs: 1000 }), erp.close({ graceMs: 1000 })]);
  }
}

test("a request signed with the sending account's catalog certificate reaches its handler", async () => {
  const answer = await ask(portalKeys);
  assert.is(answer.meldingType, RESULTAT);
  assert.ok(answer.handled);
});

test('a request signed by a certificate the tjener does not know gets ugyldigforespoersel and never reaches the handler', async () => {
  const answer = await ask(strangerKeys);
  assert.is(answer.meldingType, UGYLDIG);
  assert.match((answer.payload as { feilmelding: string }).feilmelding, /SIGNER_UNKNOWN/);
  assert.not.ok(answer.handled);
});

test('a trusted signer is known, though the catalog publishes another certificate; the catalog one stays known', async () => {
  for (const answer of [
    await ask(strangerKeys, { signers: [strangerKeys.certificate] }),
    await ask(portalKeys, { signers: [strangerKeys.certificate] }),
  ]) {
    assert.is(answer.meldingType, RESULTAT);
    assert.ok(answer.handled);
  }
});

test("the reader's own trust list (open.trusted) admits only its certificates", async () => {
  const trusted = await ask(strangerKeys, { open: [strangerKeys.certificate] });
  assert.is(trusted.meldingType, RESULTAT);
  const catalogOnly = await ask(portalKeys, { open: [strangerKeys.certificate] });
  assert.is(catalogOnly.meldingType, UGYLDIG);
  assert.not.ok(catalogOnly.handled);
});

test.run();
