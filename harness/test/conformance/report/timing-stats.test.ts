import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { durationStats, timingByRequestType } from '../../../src/conformance/report/index.js';
import type { ExchangeReport } from '../../../src/conformance/report/run-report.js';

test('nearest-rank percentiles', () => {
  assert.equal(durationStats([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]), {
    count: 10,
    p50: 5,
    p95: 10,
    p99: 10,
    max: 10,
  });
  assert.equal(durationStats([42]), { count: 1, p50: 42, p95: 42, p99: 42, max: 42 });
  assert.equal(durationStats([1, 2]), { count: 2, p50: 1, p95: 2, p99: 2, max: 2 });
  assert.is(durationStats([]), null);
});

test('percentiles are values of the sample, in order, and the input is left unsorted', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(20_000), { minLength: 1, maxLength: 300 }), (values) => {
      const copy = [...values];
      const s = durationStats(values)!;
      assert.equal(values, copy);
      assert.ok(s.p50 <= s.p95 && s.p95 <= s.p99 && s.p99 <= s.max);
      for (const p of [s.p50, s.p95, s.p99]) assert.ok(values.includes(p));
      assert.is(s.max, Math.max(...values));
      assert.ok(values.filter((v) => v <= s.p50).length >= values.length / 2);
    }),
  );
});

test("Fiks IO's tidsavbrudd is no answer: it counts as unanswered, not as a wait", () => {
  const exchange = (citizenWaitMs: number, platformMessage: 'tidsavbrudd' | null) =>
    ({
      request: { meldingType: 'no.ks.fiks.faktura.avdrag.v1.opprett' },
      replies: [{ platformMessage }],
      harnessError: null,
      durations: { citizenWaitMs, vendorMs: null, platformMs: null },
    }) as unknown as ExchangeReport;
  const [timing] = timingByRequestType([exchange(120, null), exchange(1_020, 'tidsavbrudd')]);
  assert.is(timing!.exchanges, 2);
  assert.is(timing!.unanswered, 1);
  assert.equal(timing!.citizenWait, { count: 1, p50: 120, p95: 120, p99: 120, max: 120 });
});

test.run();
