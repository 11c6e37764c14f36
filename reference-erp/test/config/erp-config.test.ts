import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, type CalendarDate, isValidKidMod10 } from '@fiks-faktura/sdk';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_ERP_CONFIG } from '../../src/config/erp-config.js';
import { loadErpConfig, resolveErpConfig } from '../../src/config/load-erp-config.js';
import { instalmentInvoiceNumber, instalmentKid } from '../../src/ledger/instalment-invoices.js';
import { lateInterestRateOn } from '../../src/rules/late-interest-rate.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

test('config: overrides merge key by key over the defaults', () => {
  const config = resolveErpConfig({ deferral: { maxPerPayer: 5 }, comments: { routing: { SFO: 'x' } } });
  assert.is(config.deferral.maxPerPayer, 5);
  assert.is(config.deferral.maxDaysAfterDueDate, 30);
  assert.equal(config.comments.routing['SFO'], 'x');
  assert.equal(config.instalments, DEFAULT_ERP_CONFIG.instalments);
});

test('config: invalid values are rejected with CONFIG_INVALID', () => {
  assert.is(
    codeOf(() => resolveErpConfig({ deferral: { maxPerPayer: -1 } })),
    'CONFIG_INVALID',
  );
  assert.is(
    codeOf(() => resolveErpConfig({ instalments: { maxInstalments: 1 } })),
    'CONFIG_INVALID',
  );
  assert.is(
    codeOf(() =>
      resolveErpConfig({
        lateInterestRates: [
          { fraDato: '2026-01-01' as CalendarDate, rentesatsProsent: 12 },
          { fraDato: '2025-07-01' as CalendarDate, rentesatsProsent: 12.25 },
        ],
      }),
    ),
    'CONFIG_INVALID',
  );
});

test('config: a JSON file is loaded; broken JSON and missing files say so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-config-'));
  writeFileSync(join(dir, 'ok.json'), JSON.stringify({ deferral: { autoApprovalMaxOere: 1_000_000 } }));
  writeFileSync(join(dir, 'bad.json'), '{ nope');
  assert.is(loadErpConfig(join(dir, 'ok.json')).deferral.autoApprovalMaxOere, 1_000_000);
  assert.is(
    codeOf(() => loadErpConfig(join(dir, 'bad.json'))),
    'CONFIG_INVALID',
  );
  assert.is(
    codeOf(() => loadErpConfig(join(dir, 'missing.json'))),
    'CONFIG_UNREADABLE',
  );
});

test('interest: the rate in force is the latest entry on or before the date, none past the table (property)', () => {
  const rates = DEFAULT_ERP_CONFIG.lateInterestRates;
  assert.is(lateInterestRateOn(rates, '2024-12-31' as CalendarDate), undefined);
  assert.is(lateInterestRateOn(rates, '2025-06-30' as CalendarDate), 12.5);
  assert.is(lateInterestRateOn(rates, '2025-07-01' as CalendarDate), 12.25);
  assert.is(lateInterestRateOn(rates, '2027-06-30' as CalendarDate), 12);
  assert.is(lateInterestRateOn(rates, '2027-07-01' as CalendarDate), undefined);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1200 }), (offset) => {
      const date = addDays('2025-01-01' as CalendarDate, offset);
      const entry = rates.filter((r) => r.fraDato <= date).at(-1)!;
      const want = date <= '2027-06-30' ? entry.rentesatsProsent : undefined;
      return lateInterestRateOn(rates, date) === want;
    }),
  );
});

test('config: lateInterestBeyondTable is refuse or omitRate', () => {
  assert.is(DEFAULT_ERP_CONFIG.lateInterestBeyondTable, 'refuse');
  assert.is(resolveErpConfig({ lateInterestBeyondTable: 'omitRate' }).lateInterestBeyondTable, 'omitRate');
  assert.is(
    codeOf(() => resolveErpConfig({ lateInterestBeyondTable: 'lastRate' as never })),
    'CONFIG_INVALID',
  );
});

test('instalment KIDs are MOD10-valid and distinct per instalment (property)', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{2,22}$/), (kid) => {
      const kids = Array.from({ length: 12 }, (_, i) => instalmentKid(kid, i + 1));
      return kids.every(isValidKidMod10) && new Set(kids).size === 12;
    }),
  );
  assert.is(instalmentInvoiceNumber('2026-0001', 3), '2026-0001-03');
});

test.run();
