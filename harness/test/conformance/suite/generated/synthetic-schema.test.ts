import { isValidKidMod10, mod10CheckDigit, valueAtPointer } from '@fiks-faktura/sdk';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMutations } from '../../../../src/conformance/suite/generated/generate-mutations.js';
import { applyPayloadEdits } from '../../../../src/conformance/suite/generated/payload-edit.js';
import { SYNTHETIC_TYPE, syntheticBase, syntheticProtocol } from './synthetic-schema.js';

const protocol = syntheticProtocol();
const generate = (base: unknown) =>
  generateMutations({
    requestType: SYNTHETIC_TYPE,
    schemaFile: protocol.schemaFile,
    base,
    catalog: protocol.catalog,
    schemas: protocol.schemas,
  });

test('the synthetic base payload is valid', () => {
  assert.equal(protocol.catalog.validate(SYNTHETIC_TYPE, syntheticBase), { valid: true });
});

test('a small schema gives exactly these mutations, in the order of the schema walk', () => {
  const { confirmed } = generate(syntheticBase);
  assert.equal(
    confirmed.map((m) => `${m.candidate.kind} ${m.candidate.felt}`),
    [
      // the root's required properties, then each property in schema order
      'required /id',
      'required /navn',
      'required /antall',
      'required /betinget',
      'type /id',
      'format /id', // a $ref into another file, followed
      'type /navn',
      'minLength /navn',
      'maxLength /navn',
      'type /antall',
      'minimum /antall',
      'maximum /antall',
      'enum /farge',
      'type /liste',
      'minItems /liste',
      'maxItems /liste',
      'type /liste/0',
      'type /part',
      'oneOf /part', // both branches' identifiers: no branch matches
      'required /part/a', // inside the branch the base takes
      'additionalProperties /part/ukjentFelt', // the branch is closed
      'type /part/a',
      'pattern /part/a',
      'type /kid',
      'pattern /kid',
      'checkDigit /kid', // the schema passes it, rule 1 does not
      'type /betinget',
      'required /betinget/art',
      'enum /betinget/art',
      'type /betinget/verdi',
      'required /betinget/verdi', // the `then` branch violated
      'type /dato', // optional and absent in the base: walked with a sample date
      'format /dato',
      'type /kode',
      'pattern /kode', // the variants that stay valid are passed over
    ],
  );
});

test('a mutation that cannot fail alone is dropped with the reason, never emitted', () => {
  const { confirmed, dropped } = generate(syntheticBase);
  assert.equal(
    dropped.map((d) => `${d.kind} ${d.felt}: ${d.reason}`),
    [
      'type /farge: it also breaks enum at /farge',
      'type /betinget/art: it also breaks enum at /betinget/art',
    ],
  );
  for (const d of dropped)
    assert.not.ok(confirmed.some((m) => m.candidate.kind === d.kind && m.candidate.felt === d.felt));
});

test('each edit is data: the date that does not exist, the check digit moved on by one', () => {
  const { confirmed } = generate(syntheticBase);
  const edits = (kind: string, felt: string) =>
    confirmed.find((m) => m.candidate.kind === kind && m.candidate.felt === felt)?.edits;
  assert.equal(edits('format', '/dato'), [
    { op: 'set', pointer: '/dato', value: '2026-03-02' },
    { op: 'set', pointer: '/dato', value: '2026-02-30' },
  ]);
  assert.equal(edits('checkDigit', '/kid'), [{ op: 'breakCheckDigit', pointer: '/kid' }]);
  const broken = applyPayloadEdits(syntheticBase, edits('checkDigit', '/kid') ?? []);
  assert.is.not(valueAtPointer(broken, '/kid'), syntheticBase.kid);
  assert.is((valueAtPointer(broken, '/kid') as string).slice(0, -1), syntheticBase.kid.slice(0, -1));
  assert.equal(syntheticBase.kid, structuredClone(syntheticBase).kid, 'the base is left as it is');
});

/** Valid payloads of the synthetic type, optional fields present or not. */
const validPayloads = fc
  .record(
    {
      id: fc.uuid(),
      navn: fc.string({ minLength: 2, maxLength: 5 }),
      antall: fc.integer({ min: 1, max: 3 }),
      farge: fc.constantFrom('ROED', 'BLAA'),
      liste: fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
      part: fc.oneof(
        fc.stringMatching(/^[0-9]{3}$/).map((a) => ({ a })),
        fc.stringMatching(/^[a-z]{3}$/).map((b) => ({ b })),
      ),
      kid: fc.stringMatching(/^[0-9]{1,20}$/).map((digits) => `${digits}${mod10CheckDigit(digits)}`),
      betinget: fc.oneof(
        fc.string().map((verdi) => ({ art: 'X', verdi })),
        fc.constant({ art: 'Y' }),
      ),
      kode: fc.stringMatching(/^[a-z ]+$/),
      dato: fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    },
    { requiredKeys: ['id', 'navn', 'antall', 'betinget'] },
  )
  .filter((p) => protocol.catalog.validate(SYNTHETIC_TYPE, p).valid);

test('property: no generated payload is valid (schema-invalid, or a check digit rule 1 rejects)', () => {
  fc.assert(
    fc.property(validPayloads, (base) => {
      const { confirmed } = generate(base);
      assert.ok(confirmed.length > 0);
      for (const m of confirmed) {
        const mutated = applyPayloadEdits(base, m.edits);
        const result = protocol.catalog.validate(SYNTHETIC_TYPE, mutated);
        if (m.candidate.kind === 'checkDigit') {
          assert.ok(result.valid, `${m.candidate.felt}: the schema passes it`);
          assert.not.ok(isValidKidMod10(valueAtPointer(mutated, m.candidate.felt) as string));
        } else assert.not.ok(result.valid, `${m.candidate.kind} ${m.candidate.felt} left it valid`);
      }
    }),
    { numRuns: 60 },
  );
});

test.run();
