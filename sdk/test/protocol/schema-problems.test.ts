import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ProtocolCatalog } from '../../src/protocol/protocol-catalog.js';
import { schemaInvalid, schemaProblems } from '../../src/protocol/schema-problems.js';

const catalog = ProtocolCatalog.load();
const type = 'no.ks.fiks.faktura.avdrag.v1.opprett';

function failing(payload: unknown) {
  const result = catalog.validate(type, payload);
  if (result.valid) throw new Error('the payload passed its schema');
  return result.errors;
}

test('each failing field: its path, what the schema expects, what was found, all at once', () => {
  const payload = { foresporselId: 42 };
  const problems = schemaProblems(failing(payload), payload);
  const byPath = new Map(problems.map((p) => [p.path, p]));
  assert.is(byPath.get('/foresporselId')?.found, '42');
  assert.match(byPath.get('/foresporselId')!.expected, /string/);
  const missing = problems.filter((p) => p.expected === 'be present (required)');
  assert.ok(missing.length >= 1, 'the missing required fields are listed');
  for (const p of missing) assert.is(p.found, 'nothing');
});

test('SCHEMA_INVALID names every field in its one-line message and keeps them in details', () => {
  const payload = { foresporselId: 42 };
  const error = schemaInvalid(`The ${type} payload`, payload, failing(payload), { meldingType: type });
  assert.is(error.code, 'SCHEMA_INVALID');
  assert.not.ok(error.message.includes('\n'));
  assert.match(error.message, /\/foresporselId: must be .*string.*, found 42/);
  assert.match(error.message, /\/innbygger: must be present \(required\), found nothing/);
  const problems = error.details?.['problems'] as unknown[];
  assert.match(error.message, new RegExp(`in ${problems.length} field\\(s\\)`));
});

test('a fødselsnummer found in a payload is masked in the description', () => {
  const payload = { foresporselId: 12345678901 };
  const problems = schemaProblems(failing(payload), payload);
  const found = problems.find((p) => p.path === '/foresporselId')?.found;
  assert.is(found, '***********');
});

test.run();
