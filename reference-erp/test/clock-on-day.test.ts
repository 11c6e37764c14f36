import * as fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clockOnDay, fixedClock, norwegianDateOf } from '../src/clock.js';

test('a clock moved to a day says that day in Norway, whatever the time of day it starts from', () => {
  fc.assert(
    fc.property(
      fc.date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      fc.date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      (base, target) => {
        const day = norwegianDateOf(target);
        assert.is(norwegianDateOf(clockOnDay(day, fixedClock(base)).now()), day);
      },
    ),
  );
});

test('time keeps running on a moved clock', async () => {
  const clock = clockOnDay('2026-03-02' as never);
  const first = clock.now().getTime();
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(clock.now().getTime() - first >= 15);
});

test.run();
