// The catalogue at run time is the generated registry: ProtocolCatalog.load reads only the
// schemas from the protocols folder, never meldingstyper.json.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { messageTypes } from '../../src/generated/registry.js';
import { ProtocolCatalog } from '../../src/protocol/protocol-catalog.js';

const OPPRETT = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett';
const example = JSON.parse(
  readFileSync(
    join(
      protocolsRoot,
      'no.ks.fiks.faktura.betalingsutsettelse/v1/examples',
      OPPRETT,
      'person-efaktura.json',
    ),
    'utf8',
  ),
);

/** A protocols folder with the schemas only; the first version's catalogue file lists nothing. */
function schemasOnlyRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'registry-catalogue-'));
  const versions = [...new Set(messageTypes.map((t) => `${t.protocol}/${t.version}`))];
  for (const version of versions)
    cpSync(join(protocolsRoot, version, 'schemas'), join(root, version, 'schemas'), { recursive: true });
  writeFileSync(
    join(root, versions[0]!, 'meldingstyper.json'),
    JSON.stringify({ protokollnavn: 'x', versjon: 'v1', meldingstyper: [] }),
  );
  return root;
}

test('the registry names the types: a protocols folder without (or with a different) meldingstyper.json validates the same', () => {
  const root = schemasOnlyRoot();
  try {
    const catalog = ProtocolCatalog.load({ root });
    assert.equal(catalog.validate(OPPRETT, example), { valid: true });
    assert.is(catalog.validate(OPPRETT, { ...example, foresporselId: 7 }).valid, false);
    for (const entry of messageTypes.filter((t) => t.hasPayload))
      assert.type(catalog.validate(entry.type, {}).valid, 'boolean', entry.type);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a missing schemas folder is PROTOCOL_SPEC_NOT_FOUND', () => {
  const root = mkdtempSync(join(tmpdir(), 'registry-catalogue-empty-'));
  try {
    ProtocolCatalog.load({ root });
    assert.unreachable();
  } catch (error) {
    assert.ok(isFiksError(error, 'PROTOCOL_SPEC_NOT_FOUND'), String(error));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
