import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  formatJsonPath,
  JsonPathError,
  type JsonPathSegment,
  parseJsonPath,
  selectJsonPath,
} from '../../../src/conformance/checks/json-path.js';

const test = suite('JSONPath subset: $, .name, [n], [*]');

const doc = {
  utfall: 'INNVILGET',
  plan: { avdrag: [{ nummer: 1, kid: '10' }, { nummer: 2 }, { nummer: 3, kid: '30' }] },
  tom: [],
  nul: null,
};

const TABLE: [string, unknown[]][] = [
  ['$', [doc]],
  ['$.utfall', ['INNVILGET']],
  ['$.plan.avdrag[1].nummer', [2]],
  ['$.plan.avdrag[*].nummer', [1, 2, 3]],
  ['$.plan.avdrag[*].kid', ['10', '30']],
  ['$.plan.avdrag[3]', []],
  ['$.utfall.nope', []],
  ['$.utfall[0]', []],
  ['$.tom[*]', []],
  ['$.nul', [null]],
  ['$.plan[*][0].nummer', [1]],
  ['$.mangler', []],
];

for (const [path, want] of TABLE) {
  test(`${path} selects ${JSON.stringify(want)}`, () => {
    assert.equal(
      selectJsonPath(doc, path).map((m) => m.value),
      want,
    );
  });
}

test('wildcard matches carry their concrete paths', () => {
  assert.equal(
    selectJsonPath(doc, '$.plan.avdrag[*].kid').map((m) => m.path),
    ['$.plan.avdrag[0].kid', '$.plan.avdrag[2].kid'],
  );
});

for (const bad of ['', 'utfall', '$utfall', '$.', '$[', '$[-1]', '$[a]', '$..x', "$['x']", '$.a b']) {
  test(`'${bad}' is refused with JSON_PATH_INVALID`, () => {
    try {
      parseJsonPath(bad);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.instance(error, JsonPathError);
      assert.is((error as JsonPathError).code, 'JSON_PATH_INVALID');
    }
  });
}

const key = fc.stringMatching(/^[A-Za-z_æøå][A-Za-z0-9_æøå-]{0,7}$/);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A random concrete path into `value`, chosen by `choices`, and the value it leads to. */
function walk(value: unknown, choices: number[]): { segments: JsonPathSegment[]; target: unknown } {
  const segments: JsonPathSegment[] = [];
  let current = value;
  for (const choice of choices) {
    if (Array.isArray(current) && current.length > 0) {
      const index = choice % current.length;
      segments.push({ kind: 'index', index });
      current = current[index];
    } else if (typeof current === 'object' && current !== null && Object.keys(current).length > 0) {
      const keys = Object.keys(current);
      const name = keys[choice % keys.length]!;
      segments.push({ kind: 'name', name });
      current = (current as Record<string, unknown>)[name];
    } else break;
  }
  return { segments, target: current };
}

test('property: a concrete path, formatted and parsed back, selects exactly the value it leads to', () => {
  fc.assert(
    fc.property(json, fc.array(fc.nat(), { maxLength: 6 }), (value, choices) => {
      const { segments, target } = walk(value, choices);
      const text = formatJsonPath(segments);
      assert.equal(parseJsonPath(text), segments);
      const matches = selectJsonPath(value, text);
      assert.is(matches.length, 1);
      assert.equal(matches[0]!.value, target);
      assert.is(matches[0]!.path, text);
    }),
  );
});

test('property: [*] selects every element of an array, in order, and each by its [n] path', () => {
  fc.assert(
    fc.property(fc.array(json, { maxLength: 6 }), (items) => {
      const matches = selectJsonPath({ list: items }, '$.list[*]');
      assert.equal(
        matches.map((m) => m.value),
        items,
      );
      matches.forEach((m, i) => {
        assert.is(m.path, `$.list[${i}]`);
        assert.equal(
          selectJsonPath({ list: items }, m.path).map((x) => x.value),
          [items[i]],
        );
      });
    }),
  );
});

test.run();
