import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { identifierProblems } from '../../src/rules/request-checks.js';

// Rule 1 names each failing identifier by its JSON pointer, in document order.

test('each broken identifier is named by its pointer, array indexes included, in document order', () => {
  const problems = identifierProblems({
    innbygger: { foedselsnummer: '01010112345' },
    vedlegg: [{ kid: '12345678903' }, { kid: '12345678904' }],
  });
  assert.equal(
    problems.map((p) => p.felt),
    ['/innbygger/foedselsnummer', '/vedlegg/1/kid'],
  );
});

test('a key holding `/` or `~` is escaped in the pointer (RFC 6901)', () => {
  const problems = identifierProblems({ 'a/b': { 'm~n': { kid: '1234' } } });
  assert.equal(
    problems.map((p) => p.felt),
    ['/a~1b/m~0n/kid'],
  );
});

test('valid identifiers give no problem', () => {
  assert.equal(identifierProblems({ kid: '0000000000' }), []);
});

test.run();
