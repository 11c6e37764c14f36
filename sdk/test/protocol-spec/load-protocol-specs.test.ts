import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { loadProtocolSpecs } from '../../src/protocol-spec/load-protocol-specs.js';

const goodRoot = fileURLToPath(new URL('../../../scripts/test/fixtures/good/', import.meta.url));
const P = 'no.ks.fiks.faktura.proeve';

function brokenCopy(edit: (root: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'protocol-spec-'));
  cpSync(goodRoot, root, { recursive: true });
  edit(root);
  return root;
}

test('loads the catalogue, schemas, code lists and examples of every version', () => {
  const [spec, ...rest] = loadProtocolSpecs(goodRoot);
  assert.is(rest.length, 0, 'the fixtures folder is not a protocol');
  assert.ok(spec);
  assert.is(spec.protocol, P);
  assert.is(spec.version, 'v1');
  assert.is(spec.path, `${P}/v1`);
  assert.equal(
    spec.catalogue?.meldingstyper.map((t) => [t.id, t.kind, t.isError]),
    [
      [`${P}.v1.opprett`, 'request', false],
      [`${P}.v1.opprett.resultat`, 'reply', false],
      [`${P}.v1.feilmelding.ugyldigforespoersel`, 'reply', true],
    ],
  );
  const request = spec.catalogue?.meldingstyper[0];
  assert.is(request?.svarfristMs, 10000);
  assert.is(request?.avsenderRolle, 'klient');
  assert.equal(request?.erSvarPaa, []);
  assert.is(spec.schemas.length, 5);
  assert.ok(spec.schemas.every((s) => s.schema['$id'] === s.fileName));
  assert.is(spec.codeLists[0]?.navn, 'aarsak');
  assert.equal(spec.codeLists[0]?.brukesAv[0]?.peker, '/properties/aarsak/properties/kodeverdi');
  assert.equal(
    spec.examples.filter((e) => !e.expectValid).map((e) => e.fileName),
    ['mangler-faktura.json', 'ugyldig-dato.json'],
  );
  assert.is(spec.invalidExampleIndexes[0]?.entries.length, 2);
  assert.equal(spec.problems, []);
  assert.ok(spec.files.every((f) => !f.hasBom && !f.path.startsWith('/')));
});

test('a missing root is PROTOCOL_SPEC_NOT_FOUND', () => {
  try {
    loadProtocolSpecs(join(goodRoot, 'no-such-folder'));
    assert.unreachable('should throw');
  } catch (error) {
    assert.ok(isFiksError(error, 'PROTOCOL_SPEC_NOT_FOUND'), String(error));
  }
});

test('invalid JSON and a malformed catalogue are PROTOCOL_SPEC_INVALID, naming the files', () => {
  const root = brokenCopy((r) => {
    writeFileSync(join(r, P, 'v1', 'schemas', `${P}.v1.felles.schema.json`), '{ "$id": ');
    writeFileSync(join(r, P, 'v1', 'meldingstyper.json'), JSON.stringify({ protokollnavn: P }));
  });
  try {
    loadProtocolSpecs(root);
    assert.unreachable('should throw');
  } catch (error) {
    assert.ok(isFiksError(error, 'PROTOCOL_SPEC_INVALID'), String(error));
    const problems = (error as unknown as { details: { problems: { file: string; code: string }[] } }).details
      .problems;
    assert.equal(problems.map((p) => [p.file, p.code]).sort(), [
      [`${P}/v1/meldingstyper.json`, 'CATALOGUE_INVALID'],
      [`${P}/v1/schemas/${P}.v1.felles.schema.json`, 'JSON_INVALID'],
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a BOM is tolerated on load but recorded', () => {
  const file = join(P, 'v1', 'examples', `${P}.v1.opprett`, 'gyldig.json');
  const root = brokenCopy((r) => {
    writeFileSync(join(r, file), `\uFEFF${JSON.stringify({ a: 1 })}`);
  });
  try {
    const [spec] = loadProtocolSpecs(root);
    const read = spec?.files.find((f) => f.path === file.split('\\').join('/'));
    assert.is(read?.hasBom, true);
    assert.equal(read?.json, { a: 1 });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
