import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backoffDelay, retryWithBackoff } from '../../src/transport/backoff.js';

const test = suite('backoff');

test('doubles from the initial delay up to the cap without jitter', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0 };
  assert.equal(
    [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, options)),
    [100, 200, 400, 800, 1000, 1000],
  );
});

test('property: jittered delays stay within ±jitter of the base and never exceed the cap', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1, max: 5000 }),
      fc.integer({ min: 1, max: 120_000 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 0.999_999, noNaN: true }),
      (attempt, initialDelayMs, maxDelayMs, jitter, r) => {
        const delay = backoffDelay(attempt, { initialDelayMs, maxDelayMs, jitter }, () => r);
        const base = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
        assert.ok(delay >= 0 && delay <= maxDelayMs);
        assert.ok(
          delay >= Math.floor(base * (1 - jitter)) - 1 && delay <= Math.ceil(base * (1 + jitter)) + 1,
        );
      },
    ),
  );
});

test('retryWithBackoff retries until success and reports each failure', async () => {
  let calls = 0;
  const failures: unknown[] = [];
  const ok = await retryWithBackoff(
    async () => {
      calls++;
      if (calls < 3) throw new Error(`fail ${calls}`);
    },
    {
      backoff: { initialDelayMs: 1, maxDelayMs: 5 },
      signal: new AbortController().signal,
      onFailure: (e) => failures.push(e),
    },
  );
  assert.ok(ok);
  assert.is(calls, 3);
  assert.is(failures.length, 2);
});

test('retryWithBackoff stops promptly when aborted during a wait', async () => {
  const stop = new AbortController();
  const started = Date.now();
  setTimeout(() => stop.abort(), 30);
  const ok = await retryWithBackoff(
    async () => {
      throw new Error('never');
    },
    { backoff: { initialDelayMs: 10_000 }, signal: stop.signal, onFailure: () => {} },
  );
  assert.not.ok(ok);
  assert.ok(Date.now() - started < 1000);
});

test.run();
