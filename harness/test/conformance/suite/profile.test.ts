import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ERP_CONFIG } from '@fiks-faktura/reference-erp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadDataMap, loadProfile, SuiteError } from '../../../src/conformance/suite/index.js';

const dir = mkdtempSync(join(tmpdir(), 'conformance-profile-'));
function file(name: string, json: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

test('the default profile is the reference ERP’s defaults', () => {
  const profile = loadProfile();
  const { deferral, instalments, comments } = DEFAULT_ERP_CONFIG;
  assert.equal(profile.deferral, {
    maxDaysAfterDueDate: deferral.maxDaysAfterDueDate,
    maxPerPayer: deferral.maxPerPayer,
    windowMonths: deferral.windowMonths,
    autoApprovalMaxOere: deferral.autoApprovalMaxOere,
    hardCeilingOere: deferral.hardCeilingOere,
    unsupportedProductTypes: deferral.unsupportedProductTypes,
    feeOere: deferral.feeOere,
  });
  assert.equal(profile.instalments, {
    minRestOere: instalments.minRestOere,
    maxInstalments: instalments.maxInstalments,
    minInstalmentOere: instalments.minInstalmentOere,
    lastDueDateMaxMonths: instalments.lastDueDateMaxMonths,
    unsupportedProductTypes: instalments.unsupportedProductTypes,
    feeOere: instalments.feeOere,
  });
  assert.equal(profile.comments, {
    maxPerPayerPerDay: comments.maxPerPayerPerDay,
    responseBankingDays: comments.responseBankingDays,
  });
});

test('an invalid profile fails with PROFILE_INVALID listing every error', () => {
  const profile = loadProfile();
  const bad = {
    ...profile,
    deferral: { ...profile.deferral, maxDaysAfterDueDate: 'thirty', surprise: 1 },
    instalments: { ...profile.instalments, maxInstalments: 40 },
  };
  try {
    loadProfile(file('bad-profile.json', bad));
    assert.unreachable('loaded');
  } catch (error) {
    assert.instance(error, SuiteError);
    const e = error as SuiteError;
    assert.is(e.code, 'PROFILE_INVALID');
    assert.match(e.message, 'bad-profile.json');
    const problems = e.details?.['problems'] as string[];
    assert.ok(
      problems.some((p) => p.startsWith('/deferral/maxDaysAfterDueDate ')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.includes('surprise')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('/instalments/maxInstalments ')),
      problems.join('\n'),
    );
  }
  assert.throws(
    () => loadProfile(join(dir, 'missing.json')),
    (e: unknown) => e instanceof SuiteError && e.code === 'PROFILE_INVALID',
  );
});

test('data maps: none without a path, the example is valid, a bad one lists its errors', () => {
  assert.is(loadDataMap(undefined), undefined);
  const example = loadDataMap(
    new URL('../../../../protocols/conformance/data-map.example.json', import.meta.url).pathname,
  );
  assert.is(example?.invoices?.['2026-0001']?.fakturanummer, '100045');
  try {
    loadDataMap(
      file('bad-map.json', { payers: { P01: { foedselsnummer: '123' }, X: {} }, kommunenummer: 4601 }),
    );
    assert.unreachable('loaded');
  } catch (error) {
    const e = error as SuiteError;
    assert.is(e.code, 'DATA_MAP_INVALID');
    const problems = e.details?.['problems'] as string[];
    assert.ok(problems.length >= 3, problems.join('\n'));
  }
});

test('a data map naming payers, invoices or units the fixture ledger lacks is DATA_MAP_INVALID', () => {
  try {
    loadDataMap(
      file('unknown-ids.json', {
        payers: { P99: { foedselsnummer: '15838541280' } },
        units: { skole: { enhetId: 'S' } },
      }),
    );
    assert.unreachable('loaded');
  } catch (error) {
    const e = error as SuiteError;
    assert.is(e.code, 'DATA_MAP_INVALID');
    assert.equal(e.details?.['problems'], [
      '/payers/P99 is not in the fixture ledger',
      '/units/skole is not in the fixture ledger',
    ]);
  }
});

test.run();
