// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the tests are about "${…}" placeholders
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type Expression,
  PlaceholderSyntaxError,
  parseExpression,
  parseTemplateString,
} from '../../../src/conformance/suite/placeholder-syntax.js';

const ident = fc
  .stringMatching(/^[a-z][A-Za-z0-9_]{0,8}$/)
  .filter((s) => !['days', 'months', 'bankingDays', 'now'].includes(s));
const middle = fc.oneof(
  ident,
  fc.stringMatching(/^[0-9]{4}-[0-9]{4}$/),
  fc.stringMatching(/^[a-z]{2,6}-[a-z]{2,6}$/),
);
const reference = fc
  .tuple(ident, fc.array(middle, { maxLength: 2 }), ident)
  .map(([root, mids, last]) => [root, ...mids, last])
  .filter((path) => !(path[0] === 'foresporselId'));
const operand = fc.record({
  sign: fc.constantFrom<1 | -1>(1, -1),
  value: fc.oneof(
    fc.nat({ max: 10_000 }).map((n) => ({ kind: 'int' as const, value: n })),
    reference.map((path) => ({ kind: 'ref' as const, path })),
  ),
  unit: fc.constantFrom(undefined, 'days', 'months', 'bankingDays'),
});

function render(
  operands: {
    sign: 1 | -1;
    value: { kind: 'int'; value: number } | { kind: 'ref'; path: string[] };
    unit?: string | undefined;
  }[],
): string {
  return operands
    .map((o, i) => {
      const v = o.value.kind === 'int' ? String(o.value.value) : o.value.path.join('.');
      const unit = o.unit === undefined ? '' : ` ${o.unit}`;
      // A `-` before a reference is written with spaces: `a.b-c.d` is one reference.
      const op = o.sign === 1 ? '+' : o.value.kind === 'ref' ? ' - ' : '-';
      return `${i === 0 ? '' : op}${v}${unit}`;
    })
    .join('');
}
const strip = (e: Expression) => JSON.parse(JSON.stringify(e));

test('a date sum written out parses back to the same operands, modifiers and continued arithmetic', () => {
  const dateStep = fc.record({
    modifier: fc.constantFrom<'banking' | 'saturday'>('banking', 'saturday'),
    operands: fc.array(operand, { maxLength: 2 }),
  });
  fc.assert(
    fc.property(
      reference,
      fc.array(operand, { maxLength: 4 }),
      fc.array(dateStep, { maxLength: 2 }),
      (base, rest, after) => {
        const operands = [{ sign: 1 as const, value: { kind: 'ref' as const, path: base } }, ...rest];
        const steps = after.map(
          (t) =>
            `|${t.modifier}${t.operands.length === 0 ? '' : render([{ sign: 1, value: { kind: 'int', value: 0 } }, ...t.operands]).slice(1)}`,
        );
        const source = `date:${render(operands)}${steps.join('')}`;
        const parsed = strip(parseExpression(source));
        assert.equal(parsed, strip({ kind: 'date', operands, after }));
      },
    ),
  );
});

test('a plain sum parses back to the same operands', () => {
  fc.assert(
    fc.property(fc.array(operand, { minLength: 1, maxLength: 4 }), (raw) => {
      const operands = raw.map((o, i) => ({ ...o, sign: i === 0 ? (1 as const) : o.sign, unit: undefined }));
      assert.equal(strip(parseExpression(render(operands))), strip({ kind: 'sum', operands }));
    }),
  );
});

test('text without "${" is one literal part, unchanged', () => {
  fc.assert(
    fc.property(
      fc.string().filter((s) => !s.includes('${')),
      (text) => {
        assert.equal(parseTemplateString(text), [text]);
      },
    ),
  );
});

test('literal text around placeholders survives, and $${ escapes', () => {
  fc.assert(
    fc.property(
      fc.string().filter((s) => !s.includes('$') && !s.includes('}')),
      reference,
      (text, path) => {
        const parts = parseTemplateString(`${text}\${${path.join('.')}}${text}`);
        const literal = parts.filter((p) => typeof p === 'string').join('');
        assert.is(literal, text + text);
        assert.is(parts.filter((p) => typeof p !== 'string').length, 1);
      },
    ),
  );
  assert.equal(parseTemplateString('a $${b} c'), ['a ${b} c']);
});

test('the brief examples parse as documented', () => {
  assert.equal(parseExpression('foresporselId'), { kind: 'uuid', index: 1 });
  assert.equal(parseExpression('foresporselId:2'), { kind: 'uuid', index: 2 });
  assert.equal(parseExpression('now'), { kind: 'now' });
  assert.equal(strip(parseExpression('invoice.2026-0001.payer.innbygger')), {
    kind: 'sum',
    operands: [{ sign: 1, value: { kind: 'ref', path: ['invoice', '2026-0001', 'payer', 'innbygger'] } }],
  });
  assert.equal(strip(parseExpression('date:today-5')), {
    kind: 'date',
    operands: [
      { sign: 1, value: { kind: 'ref', path: ['today'] } },
      { sign: -1, value: { kind: 'int', value: 5 } },
    ],
    after: [],
  });
  assert.equal(strip(parseExpression('date:invoice.2026-0001.forfallsdato+14|banking')).after, [
    { modifier: 'banking', operands: [] },
  ]);
  assert.equal(strip(parseExpression('date:today+30|banking+1')).after, [
    { modifier: 'banking', operands: [{ sign: 1, value: { kind: 'int', value: 1 } }] },
  ]);
  assert.equal(strip(parseExpression('unit.kommunale-avgifter.enhetId')).operands[0].value.path, [
    'unit',
    'kommunale-avgifter',
    'enhetId',
  ]);
});

test('a dash between segments belongs to the reference; with spaces it subtracts', () => {
  assert.equal(strip(parseExpression('a.b-c.d')).operands.length, 1);
  assert.equal(
    strip(parseExpression('a.b - c.d')).operands.map((o: { sign: number }) => o.sign),
    [1, -1],
  );
  assert.equal(
    strip(parseExpression('a.b-5')).operands.map((o: { sign: number }) => o.sign),
    [1, -1],
  );
});

test('text outside the grammar fails with PlaceholderSyntaxError', () => {
  for (const bad of [
    '${date:today+}',
    '${date:today|weekday}',
    '${a.b c}',
    '${+}',
    '${date:today',
    '${foo bar}',
  ]) {
    assert.throws(
      () => parseTemplateString(bad),
      (e: unknown) => e instanceof PlaceholderSyntaxError,
      bad,
    );
  }
});

test.run();
