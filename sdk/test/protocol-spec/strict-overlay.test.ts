import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withStrictOverlay } from '../../src/protocol-spec/strict-overlay.js';

test('instance-owning schemas get unevaluatedProperties: false, in-place subschemas and $defs do not', () => {
  const schema = {
    type: 'object',
    properties: { a: { type: 'object' }, b: { $ref: 'x.schema.json' } },
    items: { type: 'string' },
    allOf: [{ properties: { c: {} } }],
    if: { properties: { a: { const: 1 } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
    then: { required: ['c'] },
    $defs: { D: { type: 'object', properties: { e: { type: 'object' } } } },
  };
  assert.equal(withStrictOverlay(schema), {
    type: 'object',
    properties: {
      a: { type: 'object', unevaluatedProperties: false },
      b: { $ref: 'x.schema.json', unevaluatedProperties: false },
    },
    items: { type: 'string', unevaluatedProperties: false },
    allOf: [{ properties: { c: { unevaluatedProperties: false } } }],
    if: { properties: { a: { const: 1, unevaluatedProperties: false } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
    then: { required: ['c'] },
    $defs: { D: { type: 'object', properties: { e: { type: 'object', unevaluatedProperties: false } } } },
    unevaluatedProperties: false,
  });
});

test('a schema that already limits its properties is left alone, and the input is not modified', () => {
  const schema = {
    type: 'object',
    properties: { m: { type: 'object', additionalProperties: { type: 'string' } } },
  };
  const copy = structuredClone(schema);
  const strict = withStrictOverlay(schema);
  assert.equal(strict.properties.m, {
    type: 'object',
    additionalProperties: { type: 'string', unevaluatedProperties: false },
  });
  assert.equal(schema, copy);
});

test.run();
