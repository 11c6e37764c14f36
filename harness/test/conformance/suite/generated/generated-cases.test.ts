import {
  type CalendarDate,
  isValidFoedselsnummer,
  isValidKidMod10,
  isValidKontonummer,
  isValidOrganisasjonsnummer,
  messageTypes,
  ProtocolCatalog,
  valueAtPointer,
} from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyPayloadEdits } from '../../../../src/conformance/suite/generated/payload-edit.js';
import {
  generateNegativeCases,
  loadDataMap,
  loadProfile,
  loadSuite,
  resolveCase,
  type SuiteCase,
} from '../../../../src/conformance/suite/index.js';

const suite = loadSuite();
const handWritten = suite.cases.filter((c) => c.generated !== true);
const generated = suite.cases.filter((c) => c.generated === true);
const catalog = ProtocolCatalog.load();
const profile = loadProfile();
const dataMap = loadDataMap(
  new URL('../../../../../protocols/conformance/data-map.example.json', import.meta.url).pathname,
);
const requestTypes = messageTypes.filter((t) => t.kind === 'request' && t.hasPayload).map((t) => t.type);
const RULES: Record<string, (value: string) => boolean> = {
  foedselsnummer: isValidFoedselsnummer,
  organisasjonsnummer: isValidOrganisasjonsnummer,
  kontonummer: isValidKontonummer,
  kid: isValidKidMod10,
};

const requestTypeOf = (c: SuiteCase) => {
  const step = c.descriptor.steps[0];
  return step !== undefined && 'send' in step ? `${c.protocol}.${c.version}.${step.send.type}` : '';
};
const kindsOf = (cases: readonly SuiteCase[]) => {
  const counts: Record<string, number> = {};
  for (const c of cases) {
    const kind = c.generatedFrom?.kind ?? '?';
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
};

test('every request type of every protocol gets its generated cases, counted by kind', () => {
  // The counts follow the request schemas and the base cases: a new schema field changes them.
  const want: Record<string, Record<string, number>> = {
    'no.ks.fiks.faktura.avdrag.v1.opprett': {
      required: 8,
      type: 11,
      pattern: 7,
      oneOf: 1,
      additionalProperties: 1,
      checkDigit: 2,
      maxLength: 1,
      minimum: 1,
      maximum: 1,
      enum: 1,
      format: 2,
    },
    'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett': {
      required: 7,
      type: 11,
      pattern: 7,
      oneOf: 1,
      additionalProperties: 1,
      checkDigit: 2,
      maxLength: 2,
      format: 2,
    },
    'no.ks.fiks.faktura.kommentar.v1.send': {
      required: 12,
      type: 17,
      pattern: 11,
      oneOf: 1,
      additionalProperties: 1,
      checkDigit: 2,
      format: 2,
      maxLength: 4,
      enum: 2,
      maxItems: 1,
    },
  };
  assert.equal(Object.keys(want).sort(), [...requestTypes].sort(), 'every request type of the registry');
  for (const type of requestTypes)
    assert.equal(kindsOf(generated.filter((c) => requestTypeOf(c) === type)), want[type], type);
});

test('generated cases are F, read-only, numbered G001… per request type, and expect ugyldigforespoersel', () => {
  for (const type of requestTypes) {
    const ofType = generated.filter((c) => requestTypeOf(c) === type);
    ofType.forEach((c, i) => {
      assert.match(c.id, new RegExp(`\\.G${String(i + 1).padStart(3, '0')}$`));
      assert.is(c.descriptor.situation, 'F');
      assert.is(c.descriptor.books, false);
      assert.match(c.descriptor.title, /^Ugyldig: /);
      assert.equal(c.descriptor.steps[0]?.expect.replyType, 'feilmelding.ugyldigforespoersel');
      const base = handWritten.find((h) => h.id === c.generatedFrom?.base);
      assert.ok(base !== undefined, `${c.id}: its base case exists`);
      assert.is(base?.descriptor.situation, 'N');
      assert.is(base?.descriptor.books, false);
    });
  }
});

test('every generated payload fails the schema with exactly the intended error (check digits: only rule 1)', () => {
  for (const today of ['2026-03-02', '2026-12-31'] as CalendarDate[]) {
    for (const map of [undefined, dataMap]) {
      for (const c of generated) {
        const r = resolveCase(c, { today, profile, ...(map === undefined ? {} : { dataMap: map }) });
        const step = r.steps[0]!;
        const result = catalog.validate(step.requestType, step.payload);
        const { kind, felt } = c.generatedFrom!;
        const where = `${c.id} (${today}${map === undefined ? '' : ', data map'})`;
        if (kind === 'checkDigit') {
          assert.ok(result.valid, `${where}: the schema passes it`);
          const rule = RULES[felt.slice(felt.lastIndexOf('/') + 1)];
          assert.ok(rule !== undefined, `${where}: ${felt} is a rule-1 identifier`);
          assert.not.ok(rule?.(valueAtPointer(step.payload, felt) as string), `${where}: rule 1 rejects it`);
          continue;
        }
        assert.not.ok(result.valid, `${where}: still valid`);
        if (result.valid) continue;
        assert.ok(
          result.errors.some((e) => e.keyword === kind && e.felt === felt),
          `${where}: wants ${kind} at ${felt}, got ${JSON.stringify(result.errors)}`,
        );
        // Besides it, only the closed innbygger branches may speak: its oneOf and the other branch.
        for (const e of result.errors) {
          if (e.keyword === kind && e.felt === felt) continue;
          assert.ok(
            felt.startsWith('/innbygger') && e.felt.startsWith('/innbygger'),
            `${where}: also ${e.keyword} at ${e.felt}`,
          );
        }
      }
    }
  }
});

test('the generated edits leave the base request alone otherwise', () => {
  for (const c of generated.slice(0, 40)) {
    const base = handWritten.find((h) => h.id === c.generatedFrom?.base)!;
    const ctx = {
      today: '2026-03-02' as CalendarDate,
      profile,
      newUuid: () => '00000000-0000-4000-8000-000000000001',
    };
    const now = () => new Date('2026-03-02T08:00:00Z');
    const original = resolveCase(base, { ...ctx, now }).steps[0]?.payload;
    const mutated = resolveCase(c, { ...ctx, now }).steps[0]?.payload;
    assert.equal(mutated, applyPayloadEdits(original, c.payloadEdits ?? []), c.id);
    assert.not.equal(mutated, original, c.id);
  }
});

test('ids, titles and edits are the same in two runs', () => {
  const again = generateNegativeCases(handWritten);
  const view = (cases: readonly SuiteCase[]) =>
    cases.map((c) => ({ id: c.id, title: c.descriptor.title, edits: c.payloadEdits, from: c.generatedFrom }));
  assert.equal(view(again.cases), view(generated));
  assert.equal(again.dropped, suite.dropped);
  assert.ok((suite.dropped ?? []).every((d) => d.reason.length > 0));
});

test('loadSuite({ generated: false }) leaves them out', () => {
  const plain = loadSuite({ generated: false });
  assert.equal(
    plain.cases.map((c) => c.id),
    handWritten.map((c) => c.id),
  );
  assert.equal(plain.hash, suite.hash);
});

test.run();
