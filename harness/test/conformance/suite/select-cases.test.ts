import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listCases, loadSuite, SuiteError, selectCases } from '../../../src/conformance/suite/index.js';

const suite = loadSuite();
const ids = (cases: { id: string }[]) => cases.map((c) => c.id);

test('select by protocol, glob and situation', () => {
  const avdrag = selectCases(suite, { protocols: ['no.ks.fiks.faktura.avdrag'] });
  assert.ok(avdrag.length > 0 && avdrag.every((c) => c.id.startsWith('avdrag.')));
  assert.equal(ids(selectCases(suite, { caseGlob: 'avdrag.opprett.N0?' })), [
    'avdrag.opprett.N01',
    'avdrag.opprett.N02',
    'avdrag.opprett.N03',
    'avdrag.opprett.N04',
  ]);
  const f = selectCases(suite, { caseGlob: '*.F0[1]', situation: 'F' });
  assert.equal(f, [], 'brackets are literal, not a class');
  const kommentarF = selectCases(suite, { caseGlob: 'kommentar.*', situation: 'F' });
  assert.ok(
    kommentarF.length > 0 &&
      kommentarF.every((c) => c.descriptor.situation === 'F' && c.id.startsWith('kommentar.')),
  );
  assert.equal(selectCases(suite, { protocols: ['avdrag'] }), [], 'protocols are full names');
  assert.is(selectCases(suite).length, suite.cases.length);
});

test('listCases gives id, situation, title and spec of every case', () => {
  const rows = listCases(suite);
  assert.is(rows.length, suite.cases.length);
  const row = rows.find((r) => r.id === 'avdrag.opprett.N01');
  assert.is(row?.situation, 'N');
  assert.match(row?.title ?? '', '86 478');
  assert.ok(row?.spec.includes('no.ks.fiks.faktura.avdrag/v1/README.md#rule-5'));
});

test('the suite hash is stable, and changes with any case file or schema', () => {
  const root = mkdtempSync(join(tmpdir(), 'conformance-suite-'));
  cpSync(protocolsRoot, root, { recursive: true, filter: (src) => !src.includes('node_modules') });
  const first = loadSuite({ root });
  assert.is(first.hash, loadSuite({ root }).hash);
  assert.is(first.hash, suite.hash, 'the same files give the same hash wherever they are');
  assert.match(first.hash, /^[0-9a-f]{64}$/);
  const template = join(root, 'no.ks.fiks.faktura.avdrag/v1/conformance/opprett.N01/request.json');
  writeFileSync(template, `${JSON.stringify({ changed: true })}\n`);
  const second = loadSuite({ root }).hash;
  assert.is.not(second, first.hash);
  writeFileSync(join(root, 'no.ks.fiks.faktura.avdrag/v1/kodelister/x.json'), '{}');
  assert.is.not(loadSuite({ root }).hash, second);
});

test('several case globs select the cases matching any of them, once each, in suite order', () => {
  const ids = selectCases(suite, {
    caseGlob: ['kommentar.send.N01', 'avdrag.opprett.F0?', 'avdrag.opprett.F01'],
  }).map((c) => c.id);
  assert.ok(ids.includes('kommentar.send.N01'));
  assert.is(ids.filter((id) => id === 'avdrag.opprett.F01').length, 1);
  assert.ok(
    ids.every((id) => id === 'kommentar.send.N01' || /^avdrag\.opprett\.F0\d$/.test(id)),
    ids.join(),
  );
  const order = suite.cases.map((c) => c.id).filter((id) => ids.includes(id));
  assert.equal(ids, order);
});

test('a case whose id does not match its folder fails to load with CASE_INVALID', () => {
  const root = mkdtempSync(join(tmpdir(), 'conformance-suite-'));
  cpSync(protocolsRoot, root, { recursive: true, filter: (src) => !src.includes('node_modules') });
  const path = join(root, 'no.ks.fiks.faktura.kommentar/v1/conformance/send.N01/case.json');
  const descriptor = JSON.parse(
    JSON.stringify(suite.cases.find((c) => c.id === 'kommentar.send.N01')?.descriptor),
  );
  writeFileSync(path, JSON.stringify({ ...descriptor, id: 'kommentar.send.N99', situation: 'X' }));
  try {
    loadSuite({ root });
    assert.unreachable('loaded');
  } catch (error) {
    assert.instance(error, SuiteError);
    assert.is((error as SuiteError).code, 'CASE_INVALID');
    assert.match((error as SuiteError).message, 'send.N01/case.json');
    assert.match((error as SuiteError).message, '/situation');
  }
});

test.run();
