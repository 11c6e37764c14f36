import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dateParts, fromEpochDay, parseCalendarDate, toEpochDay } from '../../src/rules/calendar-date.js';
import {
  completeFoedselsnummer,
  isValidFoedselsnummer,
  parseFoedselsnummer,
} from '../../src/rules/foedselsnummer.js';

const two = (n: number) => String(n).padStart(2, '0');

/** The `n`-th individnummer (modulo the count) the century rules allow for a birth year. */
function individnummerFor(year: number, n: number): number {
  const ranges: [number, number][] =
    year < 1900
      ? [[500, 749]]
      : year < 1940
        ? [[0, 499]]
        : year < 2000
          ? [
              [0, 499],
              [900, 999],
            ]
          : [[500, 999]];
  const count = ranges.reduce((c, [lo, hi]) => c + hi - lo + 1, 0);
  let k = n % count;
  for (const [lo, hi] of ranges) {
    if (k <= hi - lo) return lo + k;
    k -= hi - lo + 1;
  }
  throw new Error('unreachable');
}

/** The first valid number for a DDMMYY prefix with an individnummer from `from` to `to`. */
function firstValid(ddmmyy: string, from: number, to: number): string | null {
  for (let ind = from; ind <= to; ind++) {
    const full = completeFoedselsnummer(ddmmyy + String(ind).padStart(3, '0'));
    if (full) return full;
  }
  return null;
}

const identity = fc
  .record({
    epochDay: fc.integer({
      min: toEpochDay(parseCalendarDate('1854-01-01')),
      max: toEpochDay(parseCalendarDate('2039-12-31')),
    }),
    individ: fc.nat(999),
    kind: fc.constantFrom('F' as const, 'D' as const),
    monthOffset: fc.constantFrom(0, 40, 80),
  })
  .map(({ epochDay, individ, kind, monthOffset }) => {
    const birthDate = fromEpochDay(epochDay);
    const { year, month, day } = dateParts(birthDate);
    const ind = individnummerFor(year, individ);
    const first9 = `${two(day + (kind === 'D' ? 40 : 0))}${two(month + monthOffset)}${two(year % 100)}${String(ind).padStart(3, '0')}`;
    return { birthDate, kind, synthetic: monthOffset > 0, first9 };
  });

test('century follows the individnummer ranges', () => {
  const cases: [string, number, number, string][] = [
    ['010185', 0, 499, '1985-01-01'],
    ['010160', 500, 749, '1860-01-01'],
    ['010105', 500, 749, '2005-01-01'],
    ['010139', 900, 999, '2039-01-01'],
    ['010150', 900, 999, '1950-01-01'],
    ['010100', 0, 499, '1900-01-01'],
  ];
  for (const [ddmmyy, from, to, expected] of cases) {
    const full = firstValid(ddmmyy, from, to);
    assert.ok(full, ddmmyy);
    assert.is(parseFoedselsnummer(full)?.birthDate, expected, full);
  }
});

test('unassignable individnummer/year combinations and impossible dates are invalid', () => {
  // 750–899 is only used for 2000–2039; 500–749 only for 1854–1899 and 2000–2039.
  for (const first9 of [
    '010160750',
    '010145600',
    '010150899',
    '300290100',
    '310485100',
    '011385100',
    '000185100',
  ]) {
    for (let d = 0; d < 100; d++) {
      const candidate = `${first9}${two(d)}`;
      assert.not.ok(isValidFoedselsnummer(candidate), candidate);
    }
  }
});

test('synthetic and D-number offsets are recognised', () => {
  assert.equal(parseFoedselsnummer('15838541280'), { kind: 'F', synthetic: true, birthDate: '1985-03-15' });
  assert.equal(parseFoedselsnummer('58859526312'), { kind: 'D', synthetic: true, birthDate: '1995-05-18' });
});

test('generated numbers of every kind parse back to their birth date, kind and synthetic flag', () => {
  fc.assert(
    fc.property(identity, ({ birthDate, kind, synthetic, first9 }) => {
      const full = completeFoedselsnummer(first9);
      fc.pre(full !== null);
      assert.equal(parseFoedselsnummer(full), { kind, synthetic, birthDate });
    }),
    { numRuns: 2000 },
  );
});

test('every single-digit change of a valid number is caught', () => {
  fc.assert(
    fc.property(identity, fc.nat(10), fc.integer({ min: 1, max: 9 }), ({ first9 }, at, delta) => {
      const full = completeFoedselsnummer(first9);
      fc.pre(full !== null);
      const changed = full.slice(0, at) + String((Number(full[at]) + delta) % 10) + full.slice(at + 1);
      assert.not.ok(isValidFoedselsnummer(changed), changed);
    }),
    { numRuns: 2000 },
  );
});

test('anything but 11 digits is rejected', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      fc.pre(!/^[0-9]{11}$/.test(s));
      assert.is(parseFoedselsnummer(s), null);
    }),
  );
});

test.run();
