// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases hold "${…}" placeholders
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { protocolsRoot } from '../../protocols/index.js';
import { lintProtocols } from '../lint-protocols/lint-protocols.js';
import { specAnchors } from '../lint-protocols/rules/spec-anchors.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const AV = 'no.ks.fiks.faktura.avdrag/v1';
const BU = 'no.ks.fiks.faktura.betalingsutsettelse/v1';
const KO = 'no.ks.fiks.faktura.kommentar/v1';
const work = mkdtempSync(join(tmpdir(), 'lint-conformance-'));

// biome-ignore lint/suspicious/noExplicitAny: cases are edited as free-form JSON
type Json = any;
function edit(root: string, path: string, change: (json: Json) => Json | undefined): void {
  const file = join(root, path);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify(change(json) ?? json, null, 2));
}
function copy(): string {
  const root = mkdtempSync(join(work, 'root-'));
  cpSync(protocolsRoot, root, { recursive: true, filter: (src) => !src.includes('node_modules') });
  return root;
}

/** Each row breaks a copy of the real protocols folder; the lint must report exactly these codes. */
const table: { name: string; breakIt: (root: string) => void; want: string[] }[] = [
  { name: 'the committed suite', breakIt: () => {}, want: [] },
  {
    name: 'a descriptor that breaks case.schema.json',
    breakIt: (r) => edit(r, `${AV}/conformance/opprett.N01/case.json`, (c) => ({ ...c, situation: 'X' })),
    want: ['CASE_INVALID'],
  },
  {
    name: 'an id that does not match its folder',
    breakIt: (r) =>
      edit(r, `${AV}/conformance/opprett.N01/case.json`, (c) => ({ ...c, id: 'avdrag.opprett.N91' })),
    want: ['CASE_INVALID'],
  },
  {
    name: 'a filled template that breaks the request schema',
    breakIt: (r) =>
      edit(r, `${AV}/conformance/opprett.N15/request.json`, (p) => ({ ...p, antallAvdrag: 'tre' })),
    want: ['CASE_TEMPLATE_SCHEMA_INVALID'],
  },
  {
    name: 'breaksSchema on a valid payload',
    breakIt: (r) =>
      edit(r, `${AV}/conformance/opprett.N15/case.json`, (c) => {
        c.steps[0].breaksSchema = true;
      }),
    want: ['CASE_TEMPLATE_SCHEMA_INVALID'],
  },
  {
    name: 'an unknown placeholder',
    breakIt: (r) =>
      edit(r, `${KO}/conformance/send.N01/request.json`, (p) => ({
        ...p,
        tekst: 'Om ${invoice.2026-0001.pris}',
      })),
    want: ['PLACEHOLDER_UNKNOWN'],
  },
  {
    name: 'a spec reference to a heading that does not exist, and to a rule past the list',
    breakIt: (r) =>
      edit(r, `${BU}/conformance/opprett.N10/case.json`, (c) => {
        c.spec = [`${BU}/README.md#no-such-heading`];
        c.steps[0].expect.assertions[0].spec = `${BU}/README.md#rule-99`;
      }),
    want: ['CASE_SPEC_UNRESOLVED', 'CASE_SPEC_UNRESOLVED'],
  },
  {
    name: 'a reply type no case expects',
    breakIt: (r) =>
      edit(r, `${KO}/conformance/exemptions.json`, (x) => {
        x.replyTypes = [];
      }),
    want: ['CASE_COVERAGE_REPLY_TYPE'],
  },
  {
    name: 'a reason code no case expects, and an exemption a case contradicts',
    breakIt: (r) => {
      rmSync(join(r, `${AV}/conformance/opprett.N13`), { recursive: true });
      edit(r, `${AV}/conformance/exemptions.json`, (x) => {
        x.aarsakskoder.push({ kodeverdi: 'FOR_MANGE_AVDRAG', reason: 'pretending it cannot be reached' });
      });
    },
    want: ['CASE_COVERAGE_AARSAKSKODE', 'EXEMPTION_STALE'],
  },
  {
    name: 'an example data map that maps a payer the ledger lacks',
    breakIt: (r) =>
      edit(r, 'conformance/data-map.example.json', (m) => {
        m.payers.P77 = { foedselsnummer: '15838541280' };
      }),
    want: ['DATA_MAP_INVALID'],
  },
  {
    name: 'two booking cases on the same invoice',
    breakIt: (r) =>
      edit(r, `${AV}/conformance/opprett.N14/case.json`, (c) => {
        c.books = true;
      }),
    want: ['CASE_BOOKING_CONFLICT'],
  },
  {
    name: 'a type marked unknownType that the catalogue knows',
    breakIt: (r) =>
      edit(r, `${KO}/conformance/send.F20/case.json`, (c) => {
        c.steps[0].send.type = 'send';
      }),
    want: ['CASE_MESSAGE_TYPE_UNKNOWN'],
  },
  {
    name: "a request that expires unread, expecting the tjener's answer instead of Fiks IO's tidsavbrudd",
    breakIt: (r) =>
      edit(r, `${BU}/conformance/opprett.N30/case.json`, (c) => {
        c.steps[0].expect.replyType = 'opprett.resultat';
      }),
    want: ['CASE_MESSAGE_TYPE_UNKNOWN'],
  },
  {
    name: 'comment cases over the profile’s daily limit per payer',
    breakIt: (r) =>
      edit(r, 'conformance/default-profile.json', (p) => {
        p.comments.maxPerPayerPerDay = 3;
      }),
    want: ['CASE_COMMENT_LIMIT', 'CASE_COMMENT_LIMIT', 'CASE_COMMENT_LIMIT'],
  },
];

for (const row of table) {
  test(`lint: ${row.name} → ${row.want.join(', ') || 'nothing'}`, () => {
    const root = copy();
    row.breakIt(root);
    const findings = lintProtocols(root);
    assert.equal(
      findings.map((f) => f.code).sort(),
      [...row.want].sort(),
      findings.map((f) => `${f.file}: ${f.code} ${f.message}`).join('\n'),
    );
  });
}

test('spec anchors: GitHub heading slugs and rule-N of the normative list', () => {
  const anchors = specAnchors(
    [
      '# Title: one',
      '## Normative rules (checked in code)',
      '1. first',
      '   - nested',
      '2. second',
      '## Title: one',
      '```',
      '## not a heading',
      '```',
    ].join('\n'),
  );
  assert.equal([...anchors].sort(), [
    'normative-rules-checked-in-code',
    'rule-1',
    'rule-2',
    'title-one',
    'title-one-1',
  ]);
});

test('the command prints the cases per protocol and situation', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lint-protocols/main.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.is(result.status, 0, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /conformance cases: no\.ks\.fiks\.faktura\.avdrag\/v1: \d+ N, \d+ F, \d+ generated, \d+ in all/,
  );
  assert.match(result.stdout, /conformance cases: \d+ in all/);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
