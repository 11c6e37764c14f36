import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { specAnchors } from '../../../../scripts/lint-protocols/rules/spec-anchors.js';
import { checkCatalogue, PROTOCOL_FOLDER } from '../../../src/conformance/checks/index.js';

const test = suite('check catalogue: every clause resolves');
const PROTOCOLS = [
  'no.ks.fiks.faktura.avdrag/v1',
  'no.ks.fiks.faktura.betalingsutsettelse/v1',
  'no.ks.fiks.faktura.kommentar/v1',
];

function resolves(reference: string): boolean {
  const [file, anchor] = reference.split('#');
  const markdown = readFileSync(join(protocolsRoot, file!), 'utf8');
  return specAnchors(markdown).has(anchor!);
}

for (const check of checkCatalogue()) {
  test(`${check.id}: ${check.spec}`, () => {
    const references = check.spec.includes(PROTOCOL_FOLDER)
      ? PROTOCOLS.map((p) => check.spec.replace(PROTOCOL_FOLDER, p))
      : [check.spec];
    for (const reference of references) assert.ok(resolves(reference), `${reference} does not resolve`);
  });
}

test.run();
