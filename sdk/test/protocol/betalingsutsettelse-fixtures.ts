// The betalingsutsettelse protocol as the protocol-layer tests use it: its request and result
// types, its published examples, the catalogue, and the keys of a portal and of an ERP.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { ProtocolCatalog } from '../../src/protocol/protocol-catalog.js';

export const OPPRETT = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett';
export const RESULTAT = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat';

const examples = join(protocolsRoot, 'no.ks.fiks.faktura.betalingsutsettelse/v1/examples');

/** The protocol's example `name` of message type `type`, parsed. */
export const example = (type: string, name: string) =>
  JSON.parse(readFileSync(join(examples, type, name), 'utf8'));

export const catalog = ProtocolCatalog.load();

export const [portalKeys, erpKeys] = await Promise.all([
  generateDevCertificate({ commonName: 'Min kommune (test)' }),
  generateDevCertificate({ commonName: 'Fakturasystem (test)' }),
]);
