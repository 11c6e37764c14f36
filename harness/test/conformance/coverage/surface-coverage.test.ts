// Coverage of the protocol surface: the surface is read from the protocol data (registry, schemas,
// code lists), a point counts only when an answered exchange exercised it, and the result is a
// pure, monotone function of the exchanges.
import { loadProtocolSpecs, messageTypes } from '@fiks-faktura/sdk';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { protocolSurface, surfaceCoverage } from '../../../src/conformance/coverage/index.js';
import type { RecordedExchange, RecordedReply } from '../../../src/conformance/model/recorded-exchange.js';
import { exchange } from '../report/sample-results.js';

const UTSETTELSE = 'no.ks.fiks.faktura.betalingsutsettelse';
const REQUEST = `${UTSETTELSE}.v1.opprett`;
const RESULT = `${UTSETTELSE}.v1.opprett.resultat`;
const scope = [{ protocol: UTSETTELSE, version: 'v1' }];
const spec = loadProtocolSpecs().find((s) => s.protocol === UTSETTELSE && s.version === 'v1')!;

function reply(meldingType: string, payload: unknown): RecordedReply {
  const base = exchange().replies[0]!;
  return {
    ...base,
    meldingType,
    opened: { ok: true, files: [], signature: { status: 'absent' }, payload },
  };
}

function sent(payload: unknown, replies: RecordedReply[]): RecordedExchange {
  const base = exchange();
  return { ...base, request: { ...base.request, meldingType: REQUEST, payload }, replies };
}

const request = {
  foresporselId: '4b7e0c52-6a43-4a4c-9d0b-1b8f3e9a2c11',
  innbygger: { foedselsnummer: '15838541280' },
  faktura: { fakturanummer: '2026-1001', kommunenummer: '4601' },
  oensketForfallsdato: '2026-04-01',
  sendtTidspunkt: '2026-03-02T08:15:00Z',
};
const denial = {
  foresporselId: request.foresporselId,
  utfall: 'AVSLAATT',
  meldingTilInnbygger: 'Nei',
  aarsak: { kodeverdi: 'FAKTURA_BETALT' },
};

const find = <T extends { kind: string; path: string; value: string | null; branch: string | null }>(
  items: readonly T[],
  kind: string,
  path: string,
  value: string | null = null,
  branch: string | null = null,
): T | undefined =>
  items.find((i) => i.kind === kind && i.path === path && i.value === value && i.branch === branch);

test('the surface comes from the registry, the schemas and the code lists', () => {
  const points = protocolSurface(spec);
  const replyTypes = points.filter((p) => p.kind === 'reply-type').map((p) => p.value);
  const allowed = messageTypes.find((m) => m.type === REQUEST)!.allowedReplies;
  assert.equal(replyTypes, [...allowed]);
  const reasons = points.filter((p) => p.kind === 'denial-reason').map((p) => p.value);
  const codeList = spec.codeLists.find((l) => l.navn === 'aarsakskoder')!;
  assert.equal(
    reasons,
    codeList.kodeliste.map((k) => k.kodeverdi),
  );
  assert.ok(points.some((p) => p.kind === 'field' && p.path === 'innbygger.foedselsnummer'));
  assert.ok(points.some((p) => p.kind === 'branch' && p.messageType === RESULT && p.branch === 'then'));
  assert.ok(points.some((p) => p.kind === 'branch' && p.messageType === RESULT && p.branch === 'else'));
  assert.ok(
    points.some((p) => p.kind === 'value' && p.codeList === 'betalingskanaler' && p.value === 'EFAKTURA'),
  );
  // No request fields of answers: those are the vendor's, judged by the checks.
  assert.not.ok(points.some((p) => p.kind === 'field' && p.messageType === RESULT));
});

test('an answered request and its denial exercise fields, the else branch, the answer type and the reason', () => {
  const coverage = surfaceCoverage([sent(request, [reply(RESULT, denial)])], scope);
  const items = coverage.protocols[0]!.items;
  assert.ok(find(items, 'field', 'innbygger.foedselsnummer')?.exercised);
  assert.not.ok(find(items, 'field', 'innbygger.organisasjonsnummer')?.exercised);
  assert.not.ok(find(items, 'field', 'begrunnelse')?.exercised);
  assert.ok(find(items, 'branch', 'innbygger', null, 'oneOf 1 (Person)')?.exercised);
  assert.not.ok(find(items, 'branch', 'innbygger', null, 'oneOf 2 (Organisasjon)')?.exercised);
  assert.ok(find(items, 'branch', '', null, 'else')?.exercised);
  assert.not.ok(find(items, 'branch', '', null, 'then')?.exercised);
  assert.ok(find(items, 'value', 'utfall', 'AVSLAATT')?.exercised);
  assert.not.ok(find(items, 'value', 'utfall', 'INNVILGET')?.exercised);
  assert.ok(find(items, 'denial-reason', 'aarsak.kodeverdi', 'FAKTURA_BETALT')?.exercised);
  assert.not.ok(find(items, 'denial-reason', 'aarsak.kodeverdi', 'SENDT_INKASSO')?.exercised);
  assert.ok(find(items, 'reply-type', '', RESULT)?.exercised);
  assert.not.ok(find(items, 'reply-type', '', `${UTSETTELSE}.v1.feilmelding.ikkefunnet`)?.exercised);
  assert.is(coverage.exercised, items.filter((i) => i.exercised).length);
  assert.is(coverage.total, items.length);
  assert.is(coverage.percent, Math.floor((coverage.exercised / coverage.total) * 1000) / 10);
});

test('a request nobody answered, or only Fiks IO answered, exercises nothing', () => {
  const expired = { ...reply(RESULT, denial), platformMessage: 'tidsavbrudd' as const };
  for (const replies of [[], [expired]]) {
    const coverage = surfaceCoverage([sent(request, replies)], scope);
    assert.is(coverage.exercised, 0, `replies: ${replies.length}`);
  }
});

test('only the protocol versions of the run are counted', () => {
  assert.equal(surfaceCoverage([], []).protocols, []);
  assert.is(surfaceCoverage([], []).percent, 100);
  assert.equal(
    surfaceCoverage(
      [],
      [...scope, { protocol: 'no.ks.fiks.faktura.kommentar', version: 'v1' }],
    ).protocols.map((p) => p.protocol),
    [UTSETTELSE, 'no.ks.fiks.faktura.kommentar'],
  );
});

test('the threshold is met at or above it, not below', () => {
  const exchanges = [sent(request, [reply(RESULT, denial)])];
  const percent = surfaceCoverage(exchanges, scope).percent;
  assert.is(surfaceCoverage(exchanges, scope).met, null);
  assert.is(surfaceCoverage(exchanges, scope, { minPercent: percent }).met, true);
  assert.is(surfaceCoverage(exchanges, scope, { minPercent: percent + 0.1 }).met, false);
});

test('property: coverage is a pure function, and more exchanges never exercise less', () => {
  const granted = {
    foresporselId: request.foresporselId,
    utfall: 'INNVILGET',
    meldingTilInnbygger: 'Ja',
    betalingskanal: { kanal: 'EFAKTURA', maaEndresIBank: true },
  };
  const pool: RecordedExchange[] = [
    sent(request, [reply(RESULT, denial)]),
    sent({ ...request, begrunnelse: 'syk' }, [reply(RESULT, granted)]),
    sent({ ...request, innbygger: { organisasjonsnummer: '974760673' } }, [
      reply(`${UTSETTELSE}.v1.feilmelding.ikkefunnet`, { feilmelding: 'finnes ikke' }),
    ]),
    sent(request, []),
  ];
  fc.assert(
    fc.property(fc.subarray(pool), fc.subarray(pool), (a, b) => {
      const one = surfaceCoverage(a, scope);
      assert.equal(surfaceCoverage(a, scope), one);
      const both = surfaceCoverage([...a, ...b], scope);
      assert.ok(both.exercised >= one.exercised);
      const had = new Set(one.protocols[0]!.items.filter((i) => i.exercised).map((i) => JSON.stringify(i)));
      for (const item of both.protocols[0]!.items)
        if (had.has(JSON.stringify({ ...item, exercised: true }))) assert.ok(item.exercised);
    }),
    { numRuns: 60 },
  );
});

test.run();
