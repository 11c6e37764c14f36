import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  dottedFieldPath,
  escapePointerSegment,
  fragmentPointerSegments,
  pointerFromSegments,
  pointerSegments,
  readableFieldPath,
  unescapePointerSegment,
  valueAtFragmentPointer,
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

test('a pointer built from names splits into those names again', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(name, fc.string()), { maxLength: 6 }), (names) => {
      assert.equal(pointerSegments(pointerFromSegments(names)), names);
    }),
  );
});

test("a pointer from segments: escaped names, numbers as indexes, `''` for no segments", () => {
  assert.is(pointerFromSegments(['accounts', 0, 'a/b', 'm~n']), '/accounts/0/a~1b/m~0n');
  assert.is(pointerFromSegments([]), '');
  assert.is(pointerFromSegments(['']), '/');
});

test('a `$ref` fragment is percent-decoded before it is unescaped, so `%7E1` is `~1`, which is `/`', () => {
  assert.equal(fragmentPointerSegments('/$defs/a%25b~1c'), ['$defs', 'a%b/c']);
  assert.equal(fragmentPointerSegments('/x/%7E1'), ['x', '/']);
  assert.equal(fragmentPointerSegments('/a%20b'), ['a b']);
  assert.equal(fragmentPointerSegments(''), []);
  assert.is(fragmentPointerSegments('kid'), undefined, 'a plain name is an $anchor, not a pointer');
  assert.is(fragmentPointerSegments('/bad%'), undefined, 'a broken percent escape points nowhere');
});

test('the value a `$ref` fragment points at', () => {
  const schema = { $defs: { 'a b': { type: 'string' }, 'x/y': { enum: [1] } }, items: [true, false] };
  assert.equal(valueAtFragmentPointer(schema, '/$defs/a%20b'), { type: 'string' });
  assert.equal(valueAtFragmentPointer(schema, '/$defs/x~1y/enum/0'), 1);
  assert.is(valueAtFragmentPointer(schema, '/items/1'), false);
  assert.is(valueAtFragmentPointer(schema, ''), schema);
  assert.is(valueAtFragmentPointer(schema, '/$defs/missing'), undefined);
  assert.is(valueAtFragmentPointer(schema, 'a b'), undefined);
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

test('only own properties are found: inherited names point at nothing', () => {
  assert.is(valueAtPointer({}, '/constructor'), undefined);
  assert.is(valueAtPointer({ a: {} }, '/a/toString'), undefined);
  assert.is(valueAtPointer({ a: [7] }, '/a/length'), 1);
  assert.is(valueAtFragmentPointer({}, '/hasOwnProperty'), undefined);
});

test('a pointer as a readable field: indexes in brackets, names unescaped, `(top level)` for the whole', () => {
  assert.is(readableFieldPath('/accounts/0/name'), 'accounts[0].name');
  assert.is(readableFieldPath('/entries/1/a~1b~0c'), 'entries[1].a/b~c');
  assert.is(readableFieldPath('/0/x'), '[0].x');
  assert.is(readableFieldPath(''), '(top level)');
});

test("a dotted field path names the whole document `''`, for the caller to word", () => {
  assert.is(dottedFieldPath('/vedlegg/0/filnavn'), 'vedlegg[0].filnavn');
  assert.is(dottedFieldPath('/innbygger/a~1b'), 'innbygger.a/b');
  assert.is(dottedFieldPath('/0/x'), '[0].x');
  assert.is(dottedFieldPath(''), '');
});

test('a property named by Ajv (missing or unknown key) is appended as a key, as it is', () => {
  assert.is(readableFieldPath('/accounts/1', 'navn'), 'accounts[1].navn');
  assert.is(readableFieldPath('', 'kontoId'), 'kontoId');
  assert.is(readableFieldPath('/a', 'x~1y'), 'a.x~1y');
  assert.is(readableFieldPath('/a', '7'), 'a.7');
});

test.run();
