import type { CalendarDate } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FIXTURE_CSV_COLUMNS, fixturesView } from '../../../src/conformance/suite/index.js';

const today = '2026-03-02' as CalendarDate;

test('the CSV has a header and one row per invoice, with the dates resolved', () => {
  const { csv } = fixturesView(today);
  const lines = csv.trimEnd().split('\r\n');
  assert.is(lines[0], FIXTURE_CSV_COLUMNS.join(','));
  assert.is(lines.length, 1 + 28);
  const first = lines[1]?.split(',') ?? [];
  const cell = (name: (typeof FIXTURE_CSV_COLUMNS)[number]) => first[FIXTURE_CSV_COLUMNS.indexOf(name)];
  assert.is(cell('fakturanummer'), '2026-0001');
  assert.is(cell('identifikator'), '15838541280');
  assert.is(cell('forfallsdato'), '2026-03-22');
  assert.is(cell('beloepOere'), '345678');
  assert.is(cell('kravnivaa'), 'INGEN');
  const property = lines.find((l) => l.startsWith('2026-0015,'));
  assert.match(property ?? '', 'E01,11848832784;30869145536');
});

test('the JSON keeps the ledger’s structure with dates instead of offsets, and applies the data map', () => {
  const { json } = fixturesView(today, {
    invoices: { '2026-0001': { fakturanummer: 'V-1' } },
    payers: { P01: { foedselsnummer: '01010012356' } },
  }) as {
    json: { fakturaer: Record<string, unknown>[]; betalere: Record<string, unknown>[]; seedDay: string };
  };
  assert.is(json.seedDay, '2026-03-02');
  const invoice = json.fakturaer[0] ?? {};
  assert.is(invoice['fakturanummer'], 'V-1');
  assert.is(invoice['fixtureFakturanummer'], '2026-0001');
  assert.is(invoice['forfallsdato'], '2026-03-22');
  assert.not.ok(JSON.stringify(json).includes('OffsetDager'));
  assert.is(json.betalere[0]?.['foedselsnummer'], '01010012356');
  const deferred = json.fakturaer.find((f) => f['fixtureFakturanummer'] === '2026-0009') as {
    utsettelse: Record<string, string>;
  };
  assert.equal(deferred.utsettelse, {
    innvilget: '2026-02-25',
    opprinneligForfallsdato: '2026-03-05',
    nyForfallsdato: '2026-03-22',
  });
});

test.run();
