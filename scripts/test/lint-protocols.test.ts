import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintProtocols } from '../lint-protocols/lint-protocols.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const goodRoot = fileURLToPath(new URL('./fixtures/good/', import.meta.url));
const P = 'no.ks.fiks.faktura.proeve';
const V = `${P}/v1`;
const CATALOGUE = `${V}/meldingstyper.json`;
const schema = (name: string) => `${V}/schemas/${P}.v1.${name}.schema.json`;
const examples = (type: string) => `${V}/examples/${P}.v1.${type}`;
const CODE_LIST = `${V}/kodelister/${P}.v1.kodelister.aarsak.json`;
const LEDGER = 'fixtures/ledger.json';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited as free-form JSON
type Json = any;

function edit(root: string, path: string, change: (json: Json) => Json | undefined): void {
  const file = join(root, path);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify(change(json) ?? json, null, 2));
}
function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
const typeById = (catalogue: Json, suffix: string) =>
  catalogue.meldingstyper.find((t: Json) => t.id === `${P}.v1.${suffix}`);

/** Each row: a broken copy of the good fixture, and exactly the rule codes the lint must report. */
const table: { name: string; breakIt: (root: string) => void; want: string[] }[] = [
  { name: 'the good fixture', breakIt: () => {}, want: [] },
  {
    name: 'a message type without its schema',
    breakIt: (r) => rmSync(join(r, schema('opprett.resultat'))),
    want: ['SCHEMA_MISSING', 'CODE_LIST_ENUM_MISMATCH', 'SCHEMA_COMPILE_FAILED'],
  },
  {
    name: 'a schema without a message type (felles and the shared feilmelding are exempt)',
    breakIt: (r) =>
      write(r, schema('slett'), JSON.stringify({ $id: `${P}.v1.slett.schema.json`, type: 'object' })),
    want: ['SCHEMA_WITHOUT_TYPE'],
  },
  {
    name: 'asymmetric kanSvareMed/erSvarPaa',
    breakIt: (r) =>
      edit(r, CATALOGUE, (c) => {
        typeById(c, 'opprett').kanSvareMed = [`${P}.v1.opprett.resultat`];
      }),
    want: ['REPLY_ASYMMETRIC'],
  },
  {
    name: 'a reply type referenced but not defined',
    breakIt: (r) =>
      edit(r, CATALOGUE, (c) => {
        typeById(c, 'opprett').kanSvareMed.push(`${P}.v1.feilmelding.serverfeil`);
      }),
    want: ['REPLY_TYPE_UNDEFINED'],
  },
  {
    name: '$id not equal to the file name',
    breakIt: (r) =>
      edit(r, schema('opprett'), (s) => {
        s.$id = 'opprett.schema.json';
      }),
    want: ['SCHEMA_ID_MISMATCH'],
  },
  {
    name: 'a $ref to a missing definition',
    breakIt: (r) =>
      edit(r, schema('opprett'), (s) => {
        s.properties.faktura.$ref = `${P}.v1.felles.schema.json#/$defs/Faktura`;
      }),
    want: ['REF_UNRESOLVED', 'SCHEMA_COMPILE_FAILED'],
  },
  {
    name: 'a $ref to a missing file',
    breakIt: (r) =>
      edit(r, schema('opprett'), (s) => {
        s.properties.oensketForfallsdato.$ref = `${P}.v1.dato.schema.json`;
      }),
    want: ['REF_UNRESOLVED', 'SCHEMA_COMPILE_FAILED'],
  },
  {
    name: 'a BOM',
    breakIt: (r) => write(r, CODE_LIST, `\uFEFF${readFileSync(join(r, CODE_LIST), 'utf8')}`),
    want: ['FILE_HAS_BOM'],
  },
  {
    name: 'invalid JSON',
    breakIt: (r) => write(r, `${examples('opprett')}/gyldig.json`, '{ "foresporselId": '),
    want: ['JSON_INVALID'],
  },
  {
    name: 'a type string that does not match its protocol and version (and æøå)',
    breakIt: (r) => {
      const old = `${P}.v1.opprett.resultat`;
      const replaced = `${P}.v1.opprett.resultåt`;
      const text = readFileSync(join(r, CATALOGUE), 'utf8').replaceAll(`"${old}"`, `"${replaced}"`);
      write(r, CATALOGUE, text.replace(`"${P}.v1.opprett",`, `"${P}.v2.opprett",`));
      edit(r, CATALOGUE, (c) => {
        c.meldingstyper[1].erSvarPaa = [`${P}.v2.opprett`];
        c.meldingstyper[2].erSvarPaa = [`${P}.v2.opprett`];
      });
      renameSync(join(r, schema('opprett.resultat')), join(r, `${V}/schemas/${replaced}.schema.json`));
      renameSync(join(r, schema('opprett')), join(r, `${V}/schemas/${P}.v2.opprett.schema.json`));
      renameSync(join(r, examples('opprett.resultat')), join(r, `${V}/examples/${replaced}`));
      renameSync(join(r, examples('opprett')), join(r, `${V}/examples/${P}.v2.opprett`));
      edit(r, `${V}/schemas/${replaced}.schema.json`, (s) => {
        s.$id = `${replaced}.schema.json`;
      });
      edit(r, `${V}/schemas/${P}.v2.opprett.schema.json`, (s) => {
        s.$id = `${P}.v2.opprett.schema.json`;
      });
      edit(r, CODE_LIST, (l) => {
        l.brukesAv[0].schema = `${replaced}.schema.json`;
      });
    },
    want: ['TYPE_NAME_INVALID', 'TYPE_NAME_INVALID', 'TYPE_NAME_INVALID'],
  },
  {
    name: 'catalogue protokollnavn and versjon that differ from the folders',
    breakIt: (r) =>
      edit(r, CATALOGUE, (c) => {
        c.protokollnavn = 'no.ks.fiks.faktura.proeven';
        c.versjon = 'v2';
      }),
    want: ['CATALOGUE_FOLDER_MISMATCH', 'CATALOGUE_FOLDER_MISMATCH'],
  },
  {
    name: 'a valid example that fails its schema',
    breakIt: (r) =>
      edit(r, `${examples('opprett.resultat')}/avslaatt.json`, (e) => {
        e.aarsak = undefined;
      }),
    want: ['EXAMPLE_VALID_FAILS'],
  },
  {
    name: 'an invalid example that passes',
    breakIt: (r) =>
      edit(r, `${examples('opprett')}/invalid/ugyldig-dato.json`, (e) => {
        e.oensketForfallsdato = '2025-02-28';
      }),
    want: ['EXAMPLE_INVALID_PASSES'],
  },
  {
    name: 'an invalid example that fails for another reason than its index entry',
    breakIt: (r) =>
      edit(r, `${examples('opprett')}/invalid/ugyldig-dato.json`, (e) => {
        e.oensketForfallsdato = '2025-02-28';
        e.faktura.fakturanummer = '';
      }),
    want: ['EXAMPLE_INVALID_WRONG_REASON'],
  },
  {
    name: 'an invalid example missing from index.json, and an entry without a file',
    breakIt: (r) => {
      write(r, `${examples('opprett')}/invalid/tom.json`, '{}');
      rmSync(join(r, `${examples('opprett')}/invalid/mangler-faktura.json`));
    },
    want: ['EXAMPLE_NOT_INDEXED', 'INDEX_ENTRY_WITHOUT_FILE'],
  },
  {
    name: 'an example folder for an unknown type',
    breakIt: (r) => write(r, `${examples('slett')}/gyldig.json`, '{}'),
    want: ['EXAMPLE_UNKNOWN_TYPE'],
  },
  {
    name: 'a code list that disagrees with its enum',
    breakIt: (r) =>
      edit(r, CODE_LIST, (l) => {
        l.kodeliste.push({ kodeverdi: 'SENDT_INKASSO', kodebeskrivelse: 'Sendt til inkasso' });
      }),
    want: ['CODE_LIST_ENUM_MISMATCH'],
  },
  {
    name: 'a code list pointer that does not resolve',
    breakIt: (r) =>
      edit(r, CODE_LIST, (l) => {
        l.brukesAv[0].peker = '/properties/aarsak/properties/kode';
      }),
    want: ['CODE_LIST_ENUM_MISMATCH'],
  },
  {
    name: 'fixtures with bad check digits (fødselsnummer, organisasjonsnummer, kontonummer, KID)',
    breakIt: (r) =>
      edit(r, LEDGER, (l) => {
        l.betalere[0].foedselsnummer = '15838541281';
        l.kommune.organisasjonsnummer = '310460108';
        l.fakturaer[0].kontonummer = '15031234561';
        l.fakturaer[0].kid = '0000012345678';
      }),
    want: ['FIXTURE_CHECK_DIGIT', 'FIXTURE_CHECK_DIGIT', 'FIXTURE_CHECK_DIGIT', 'FIXTURE_CHECK_DIGIT'],
  },
  {
    name: 'a D-nummer with a bad check digit',
    breakIt: (r) =>
      edit(r, LEDGER, (l) => {
        l.betalere[1].foedselsnummer = '55108512326';
      }),
    want: ['FIXTURE_CHECK_DIGIT'],
  },
  {
    name: 'a fixture that fails its sibling schema',
    breakIt: (r) =>
      edit(r, LEDGER, (l) => {
        l.fakturaer[0].fakturanummer = undefined;
      }),
    want: ['FIXTURE_SCHEMA_INVALID'],
  },
  {
    name: 'a request without svarfristMs and a type without avsenderRolle',
    breakIt: (r) =>
      edit(r, CATALOGUE, (c) => {
        typeById(c, 'opprett').svarfristMs = undefined;
        typeById(c, 'opprett.resultat').avsenderRolle = undefined;
      }),
    want: ['REQUEST_WITHOUT_DEADLINE', 'MESSAGE_TYPE_WITHOUT_ROLE'],
  },
  {
    name: 'a malformed catalogue',
    breakIt: (r) =>
      edit(r, CATALOGUE, (c) => {
        c.meldingstyper[0].harPayload = 'ja';
      }),
    want: ['CATALOGUE_INVALID'],
  },
];

const work = mkdtempSync(join(tmpdir(), 'lint-protocols-'));

for (const [i, row] of table.entries())
  test(`lint: ${row.name} → ${row.want.join(', ') || 'nothing'}`, () => {
    const root = join(work, String(i));
    cpSync(goodRoot, root, { recursive: true });
    row.breakIt(root);
    const findings = lintProtocols(root);
    assert.equal(
      findings.map((f) => f.code).sort(),
      [...row.want].sort(),
      findings.map((f) => `${f.file}: ${f.code} ${f.message}`).join('\n'),
    );
  });

test('the command prints `<file>: <RULE_CODE> <message>` per finding and exits 1', () => {
  const root = join(work, 'cli');
  cpSync(goodRoot, root, { recursive: true });
  edit(root, schema('opprett'), (s) => {
    s.$id = 'x.schema.json';
  });
  const run = (dir: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lint-protocols/main.ts', '--root', dir], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
  const bad = run(root);
  assert.is(bad.status, 1);
  assert.match(
    bad.stdout,
    `${schema('opprett')}: SCHEMA_ID_MISMATCH $id is "x.schema.json"; it must be the file name "${P}.v1.opprett.schema.json"\n`,
  );
  const good = run(goodRoot);
  assert.is(good.status, 0, good.stdout);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
