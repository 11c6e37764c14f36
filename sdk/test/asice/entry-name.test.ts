import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertPayloadFileName, unsafeEntryNameReason } from '../../src/asice/entry-name.js';
import { isFiksError } from '../../src/errors/fiks-error.js';

test('safe relative names pass', () => {
  for (const name of ['a.txt', 'dir/a.txt', 'META-INF/', 'faktura æøå.pdf', '..a', 'a..b'])
    assert.is(unsafeEntryNameReason(name), undefined, name);
});

test('traversal, absolute, backslash, drive, empty and control names are unsafe', () => {
  for (const name of [
    '',
    '../x',
    'a/../../x',
    '/abs',
    'a\\b',
    'C:x',
    'a//b',
    './a',
    'a\u0000b',
    'x'.repeat(2000),
  ])
    assert.type(unsafeEntryNameReason(name), 'string', JSON.stringify(name));
});

test('payload names must be plain root file names, not mimetype or META-INF', () => {
  for (const name of ['dir/a.txt', 'META-INF/x', 'mimetype', 'MIMETYPE', 'META-INF', '..', '']) {
    try {
      assertPayloadFileName(name);
      assert.unreachable(name);
    } catch (error) {
      assert.ok(isFiksError(error, 'UNSAFE_ENTRY_NAME'), name);
    }
  }
  assertPayloadFileName('invoice.json');
});

test.run();
