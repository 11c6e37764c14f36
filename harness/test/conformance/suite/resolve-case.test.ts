// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the tests are about "${…}" placeholders
import {
  addDays,
  type CalendarDate,
  isBankingDay,
  loadProtocolSpecs,
  PayloadValidator,
} from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ResolvedCase } from '../../../src/conformance/model/resolved-case.js';
import {
  type DataMap,
  loadDataMap,
  loadProfile,
  loadSuite,
  type Profile,
  resolveCase,
  type SuiteCase,
  SuiteError,
} from '../../../src/conformance/suite/index.js';

const suite = loadSuite();
const profile = loadProfile();
const day = (d: string) => d as CalendarDate;
const byId = (id: string): SuiteCase => {
  const c = suite.cases.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no case ${id}`);
  return c;
};
function counter(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}
const assertionValue = (r: ResolvedCase, step: number, path: string) =>
  r.steps[step - 1]?.expect.assertions.find((a) => a.path === path)?.value;
const payload = (r: ResolvedCase, step = 1) => r.steps[step - 1]?.payload as Record<string, unknown>;

// Around Easter 2026 (Good Friday 3 April) and 2027 (26 March), the new year, a leap day and midsummer.
const DAYS = [
  '2026-03-02',
  '2026-03-14',
  '2026-03-20',
  '2027-03-05',
  '2026-12-10',
  '2026-12-24',
  '2026-12-31',
  '2028-02-29',
  '2026-06-20',
];

test('every case resolves on days around Easter and the year end, without leftover placeholders', () => {
  for (const today of DAYS) {
    for (const c of suite.cases) {
      const r = resolveCase(c, { today: day(today), profile, newUuid: counter() });
      assert.is(r.steps.length, c.descriptor.steps.length, c.id);
      assert.not.match(JSON.stringify(r.steps), /\$\{/, `${c.id} on ${today}`);
      assert.is(r.skip, undefined, `${c.id} on ${today} is skipped under the default profile: ${r.skip}`);
    }
  }
});

test('every protocol has at least 8 N and 8 F cases', () => {
  for (const protocol of ['betalingsutsettelse', 'avdrag', 'kommentar']) {
    const cases = suite.cases.filter((c) => c.protocol.endsWith(`.${protocol}`));
    assert.ok(cases.filter((c) => c.descriptor.situation === 'N').length >= 8, protocol);
    assert.ok(cases.filter((c) => c.descriptor.situation === 'F').length >= 8, protocol);
  }
});

test('computed dates: a deferral to a Saturday is expected on the next banking day', () => {
  for (const today of DAYS) {
    const r = resolveCase(byId('betalingsutsettelse.opprett.N02'), { today: day(today), profile });
    const wished = payload(r)['oensketForfallsdato'] as CalendarDate;
    const granted = assertionValue(r, 1, '$.nyForfallsdato') as CalendarDate;
    assert.ok(!isBankingDay(wished), `${wished} is a Saturday`);
    assert.ok(
      isBankingDay(granted) && granted > wished && granted <= addDays(wished, 7),
      `${today}: ${granted}`,
    );
  }
  // On 2026-03-02 invoice 2026-0024 falls due 2026-03-27; +14 = 2026-04-10, Saturday 2026-04-11 → Monday 13 April.
  const r = resolveCase(byId('betalingsutsettelse.opprett.N02'), { today: day('2026-03-02'), profile });
  assert.is(payload(r)['oensketForfallsdato'], '2026-04-11');
  assert.is(assertionValue(r, 1, '$.nyForfallsdato'), '2026-04-13');
});

test('the README example: 2026-0001 in 4 on 2026-03-02 falls due 03-23, 04-22, 05-22, 06-22', () => {
  const r = resolveCase(byId('avdrag.opprett.N01'), { today: day('2026-03-02'), profile });
  const dates = [0, 1, 2, 3].map((i) => assertionValue(r, 1, `$.nedbetalingsplan.avdrag[${i}].forfallsdato`));
  assert.equal(dates, ['2026-03-23', '2026-04-22', '2026-05-22', '2026-06-22']);
  const amounts = [0, 1, 2, 3].map((i) => assertionValue(r, 1, `$.nedbetalingsplan.avdrag[${i}].beloepOere`));
  assert.equal(amounts, [86478, 86400, 86400, 86400]);
  assert.is(assertionValue(r, 1, '$.nedbetalingsplan.totalbeloepOere'), 345678);
  assert.is(payload(r)['antallAvdrag'], 4);
});

test('one foresporselId per case, the same in every step; ${foresporselId:2} is another; resend repeats the payload', () => {
  const r = resolveCase(byId('betalingsutsettelse.opprett.N07'), {
    today: day('2026-03-02'),
    profile,
    newUuid: counter(),
  });
  const [first, resend] = r.steps;
  assert.is(first?.kind, 'send');
  assert.is(resend?.kind, 'resend');
  assert.is(resend?.resendOf, 1);
  assert.equal(resend?.payload, first?.payload);
  const id1 = payload(r, 1)['foresporselId'];
  const id3 = payload(r, 3)['foresporselId'];
  assert.is(assertionValue(r, 1, '$.foresporselId'), id1);
  assert.is(assertionValue(r, 3, '$.foresporselId'), id3);
  assert.is.not(id1, id3);
  const again = resolveCase(byId('betalingsutsettelse.opprett.N07'), { today: day('2026-03-02'), profile });
  assert.is.not(payload(again, 1)['foresporselId'], id1, 'fresh per run');
});

test('${now} is RFC 3339 with the Norwegian offset', () => {
  const now = () => new Date('2026-07-01T10:00:00.000Z');
  const r = resolveCase(byId('avdrag.opprett.N01'), { today: day('2026-07-01'), profile, now });
  assert.is(payload(r)['sendtTidspunkt'], '2026-07-01T12:00:00.000+02:00');
});

test('the fixture invoices a case uses are listed (for ordering and lint)', () => {
  const r = resolveCase(byId('avdrag.opprett.N01'), { today: day('2026-03-02'), profile });
  assert.equal(r.invoices, ['2026-0001']);
  assert.ok(r.books);
  const unknown = resolveCase(byId('betalingsutsettelse.opprett.F02'), { today: day('2026-03-02'), profile });
  assert.equal(unknown.invoices, []);
});

test('the data map applies to requests and assertions alike', () => {
  const dataMap: DataMap = {
    kommunenummer: '0301',
    payers: { P01: { foedselsnummer: '01010012356' }, P04: { organisasjonsnummer: '974760673' } },
    invoices: { '2026-0001': { fakturanummer: 'V-100045', kid: '0001000454', kontonummer: '86011117947' } },
    units: { 'kommunale-avgifter': { enhetId: 'KOMAVG' } },
  };
  const r = resolveCase(byId('avdrag.opprett.N01'), { today: day('2026-03-02'), profile, dataMap });
  assert.equal(payload(r)['innbygger'], { foedselsnummer: '01010012356' });
  assert.equal(payload(r)['faktura'], {
    fakturanummer: 'V-100045',
    kid: '0001000454',
    kommunenummer: '0301',
  });
  assert.is(assertionValue(r, 1, '$.nedbetalingsplan.opprinneligFaktura.fakturanummer'), 'V-100045');
  assert.is(assertionValue(r, 1, '$.nedbetalingsplan.avdrag[*].kontonummer'), '86011117947');
  const routed = resolveCase(byId('kommentar.send.N01'), { today: day('2026-03-02'), profile, dataMap });
  assert.is(assertionValue(routed, 1, '$.rutetTil.enhetId'), 'KOMAVG');
  const org = resolveCase(byId('betalingsutsettelse.opprett.N02'), {
    today: day('2026-03-02'),
    profile,
    dataMap,
  });
  assert.equal(payload(org)['innbygger'], { organisasjonsnummer: '974760673' });
});

test('with the example data map every filled request is still schema-valid (breaksSchema and unknownType steps excepted)', () => {
  const validator = new PayloadValidator(loadProtocolSpecs());
  const dataMap = loadDataMap(
    new URL('../../../../protocols/conformance/data-map.example.json', import.meta.url).pathname,
  );
  for (const c of suite.cases) {
    const r = resolveCase(c, { today: day('2026-03-02'), profile, dataMap });
    r.steps.forEach((step, i) => {
      if (
        step.omitPayload === true ||
        step.unknownType === true ||
        c.descriptor.steps[i]?.breaksSchema === true
      )
        return;
      const result = validator.validatePayload(step.requestType, step.payload);
      assert.ok(result.valid, `${c.id} step ${i + 1}: ${JSON.stringify(result)}`);
    });
  }
});

test('expectations follow the profile, and an unmet requirement skips the case with the reason', () => {
  const strict: Profile = structuredClone(profile);
  strict.deferral.maxDaysAfterDueDate = 20;
  strict.instalments.maxInstalments = 12;
  const late = resolveCase(byId('betalingsutsettelse.opprett.N22'), {
    today: day('2026-03-02'),
    profile: strict,
  });
  // 2026-0001 falls due 2026-03-22; +20 = Saturday 2026-04-11, whose banking day is Monday 04-13: ask for 04-14.
  assert.is(payload(late)['oensketForfallsdato'], '2026-04-14');
  assert.equal(late.steps[0]?.expect.assertions.find((a) => a.op === 'in')?.values, [
    '2026-04-11',
    '2026-04-13',
  ]);
  const many = resolveCase(byId('avdrag.opprett.N12'), { today: day('2026-03-02'), profile: strict });
  assert.match(many.skip ?? '', /instalments\.maxInstalments is 12; the case needs it below 12/);
});

test('an assertion with "when" is left out under a profile that does not meet it', () => {
  const noDate: Profile = structuredClone(profile);
  noDate.comments.responseBankingDays = null;
  const c = byId('kommentar.send.N01');
  const paths = (p: Profile) =>
    resolveCase(c, { today: day('2026-03-02'), profile: p }).steps[0]?.expect.assertions.map((a) => a.path);
  assert.ok(paths(profile)?.includes('$.forventetSvarInnen'));
  assert.not.ok(paths(noDate)?.includes('$.forventetSvarInnen'));
  assert.ok(paths(noDate)?.includes('$.rutetTil.enhetId'));
  const resolved = resolveCase(c, { today: day('2026-03-02'), profile });
  assert.not.ok(JSON.stringify(resolved).includes('"when"'), 'the resolved assertion has no "when"');
});

test('an unknown reference fails with PLACEHOLDER_UNKNOWN naming the case and the placeholder', () => {
  const c = byId('avdrag.opprett.N01');
  const broken: SuiteCase = {
    ...c,
    files: new Map([...c.files, ['request.json', Buffer.from('{"faktura": "${invoice.2026-0999.kid}"}')]]),
  };
  try {
    resolveCase(broken, { today: day('2026-03-02'), profile });
    assert.unreachable('resolved');
  } catch (error) {
    assert.instance(error, SuiteError);
    assert.is((error as SuiteError).code, 'PLACEHOLDER_UNKNOWN');
    assert.match((error as SuiteError).message, 'avdrag.opprett.N01');
    assert.match((error as SuiteError).message, '${invoice.2026-0999.kid}');
  }
  const typed: SuiteCase = {
    ...c,
    files: new Map([...c.files, ['request.json', Buffer.from('{"d": "${date:payer.P01.navn+1}"}')]]),
  };
  assert.throws(
    () => resolveCase(typed, { today: day('2026-03-02'), profile }),
    (e: unknown) => (e as SuiteError).code === 'PLACEHOLDER_TYPE',
  );
});

test.run();
