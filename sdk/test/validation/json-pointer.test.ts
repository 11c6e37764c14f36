import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  escapePointerSegment,
  pointerSegments,
  readableFieldPath,
  unescapePointerSegment,
  valueAtPointer,
} from '../../src/validation/json-pointer.js';

/** Names rich in the characters a pointer escapes, and in escape look-alikes. */
const name = fc.string({ unit: fc.constantFrom('~', '/', '0', '1', 'a', '~0', '~1', '/~'), maxLength: 12 });

test('escaping then unescaping a segment gives the name back, and the escaped form holds no `/`', () => {
  fc.assert(
    fc.property(fc.oneof(name, fc.string()), (n) => {
      const segment = escapePointerSegment(n);
      assert.not.ok(segment.includes('/'));
      assert.is(unescapePointerSegment(segment), n);
    }),
  );
});

test('a pointer built from escaped names splits into those names again', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(name, fc.string()), { maxLength: 6 }), (names) => {
      const pointer = names.map((n) => `/${escapePointerSegment(n)}`).join('');
      assert.equal(pointerSegments(pointer), names);
    }),
  );
});

test('a pointer leads to the value stored under its names', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(name, fc.string()), { minLength: 1, maxLength: 6 }),
      fc.integer(),
      (names, value) => {
        const root = names.reduceRight<unknown>((inner, n) => ({ [n]: inner }), value);
        assert.is(valueAtPointer(root, names.map((n) => `/${escapePointerSegment(n)}`).join('')), value);
      },
    ),
  );
});

test('unescaping turns `~01` into `~1`, not `/` (RFC 6901 order)', () => {
  assert.is(unescapePointerSegment('~01'), '~1');
  assert.equal(pointerSegments('/a~1b/m~0n/~01'), ['a/b', 'm~n', '~1']);
  assert.equal(pointerSegments(''), []);
  assert.equal(pointerSegments('/'), ['']);
});

test('the value at a pointer: array indexes, the whole document, nothing past a scalar', () => {
  const root = { accounts: [{ name: 'A' }, { 'a/b': 1 }], n: 5 };
  assert.is(valueAtPointer(root, '/accounts/0/name'), 'A');
  assert.is(valueAtPointer(root, '/accounts/1/a~1b'), 1);
  assert.is(valueAtPointer(root, ''), root);
  assert.is(valueAtPointer(root, '/n/x'), undefined);
  assert.is(valueAtPointer(root, '/missing/x'), undefined);
  assert.is(valueAtPointer(null, '/a'), undefined);
});

test('a pointer as a readable field: indexes in brackets, names unescaped, `(top level)` for the whole', () => {
  assert.is(readableFieldPath('/accounts/0/name'), 'accounts[0].name');
  assert.is(readableFieldPath('/entries/1/a~1b~0c'), 'entries[1].a/b~c');
  assert.is(readableFieldPath('/0/x'), '[0].x');
  assert.is(readableFieldPath(''), '(top level)');
});

test('a property named by Ajv (missing or unknown key) is appended as a key, as it is', () => {
  assert.is(readableFieldPath('/accounts/1', 'navn'), 'accounts[1].navn');
  assert.is(readableFieldPath('', 'kontoId'), 'kontoId');
  assert.is(readableFieldPath('/a', 'x~1y'), 'a.x~1y');
  assert.is(readableFieldPath('/a', '7'), 'a.7');
});

test.run();
