import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ajvErrorField } from '../../src/validation/ajv-error-field.js';

test('a required, unevaluated or additional property is named below the object Ajv reports', () => {
  assert.is(
    ajvErrorField({ instancePath: '/faktura/0', params: { missingProperty: 'beloep' } }),
    '/faktura/0/beloep',
  );
  assert.is(ajvErrorField({ instancePath: '', params: { unevaluatedProperty: 'extra' } }), '/extra');
  assert.is(ajvErrorField({ instancePath: '/a', params: { additionalProperty: 'b/c~d' } }), '/a/b~1c~0d');
});

test('any other error is about its instancePath', () => {
  assert.is(
    ajvErrorField({ instancePath: '/faktura/0/beloep', params: { type: 'integer' } }),
    '/faktura/0/beloep',
  );
  assert.is(ajvErrorField({ instancePath: '', params: {} }), '');
});

test.run();
