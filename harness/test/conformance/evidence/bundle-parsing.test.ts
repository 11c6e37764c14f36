// Canonical JSON and verify on hostile input (property tests): the canonical form does not depend
// on key order and survives a parse; verify never throws, whatever the file holds, and a bundle
// with any field replaced by any JSON value is never valid.
import { generateDevCertificate } from '@fiks-faktura/sdk/testing';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalJson, verifyBundle } from '../../../src/conformance/evidence/index.js';
import { caseResult } from '../report/sample-results.js';
import { sampleBundle } from './sample-bundle.js';

test('canonical JSON: the same for any key order, and again after a parse', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      assert.is(canonicalJson(JSON.parse(text)), text);
      const reversed = JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
        v !== null && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).reverse())
          : v,
      ) as unknown;
      assert.is(canonicalJson(reversed), text);
    }),
    { numRuns: 300 },
  );
});

const harness = await generateDevCertificate({ commonName: 'Harness' });
const bundle = sampleBundle(harness, [caseResult()]);

test('verify never throws: any text, and a bundle with any field replaced is invalid', () => {
  fc.assert(
    fc.property(fc.string(), (text) => {
      assert.not.ok(verifyBundle(text).valid);
    }),
    { numRuns: 200 },
  );
  const fields: [string, string][] = [
    ['index', 'parts'],
    ['index', 'cases'],
    ['index', 'run'],
    ['', 'parts'],
    ['', 'signature'],
    ['', 'contentSha256'],
  ];
  fc.assert(
    fc.property(fc.constantFrom(...fields), fc.jsonValue(), ([outer, field], value) => {
      const copy = structuredClone(bundle) as unknown as Record<string, Record<string, unknown>>;
      const target = outer === '' ? copy : copy[outer]!;
      fc.pre(JSON.stringify(target[field]) !== JSON.stringify(value));
      target[field] = value;
      assert.not.ok(verifyBundle(JSON.stringify(copy)).valid);
    }),
    { numRuns: 300 },
  );
  assert.ok(verifyBundle(JSON.stringify(bundle)).valid, 'the bundle itself holds');
});

test.run();
