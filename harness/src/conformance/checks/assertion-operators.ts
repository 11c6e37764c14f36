import { isDeepStrictEqual } from 'node:util';
import type { Assertion } from '../model/resolved-case.js';
import { type JsonPathMatch, selectJsonPath } from './json-path.js';

/**
 * Evaluates one case assertion against a reply payload. Every value the path selects must satisfy
 * the operator, and at least one must be selected (except for `absent`, which wants none).
 */

/** The outcome of an assertion: it holds, it does not (what was expected and found), or it is malformed. */
export type AssertionOutcome =
  | { readonly holds: true; readonly found: string }
  | { readonly holds: false; readonly expected: string; readonly found: string }
  | { readonly malformed: string };

/** The other step's answer a `sameAsStep` assertion compares with. */
export type OtherAnswer = { readonly payload: unknown } | undefined;

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

function showMatches(matches: readonly JsonPathMatch[]): string {
  return matches.length === 0
    ? 'nothing at the path'
    : matches.map((m) => `${show(m.value)} at ${m.path}`).join(', ');
}

type Comparable = number | string;

/** `a` compared with `b` when both are numbers or both strings (ISO dates compare as strings), else undefined. */
function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function isComparable(value: unknown): value is Comparable {
  return typeof value === 'number' || typeof value === 'string';
}

/** A predicate over one selected value, and how to say what it wants. */
type ValueRule =
  | { readonly expected: string; readonly test: (value: unknown) => boolean }
  | { readonly malformed: string };

function valueRule(a: Assertion): ValueRule {
  switch (a.op) {
    case 'equals':
      return 'value' in a
        ? { expected: `equals ${show(a.value)}`, test: (v) => isDeepStrictEqual(v, a.value) }
        : { malformed: 'equals needs a value' };
    case 'notEquals':
      return 'value' in a
        ? { expected: `not equal to ${show(a.value)}`, test: (v) => !isDeepStrictEqual(v, a.value) }
        : { malformed: 'notEquals needs a value' };
    case 'in':
      return Array.isArray(a.values)
        ? {
            expected: `one of ${show(a.values)}`,
            test: (v) => a.values!.some((x) => isDeepStrictEqual(v, x)),
          }
        : { malformed: 'in needs values' };
    case 'pattern': {
      if (typeof a.value !== 'string')
        return { malformed: 'pattern needs a regular expression source as value' };
      let re: RegExp;
      try {
        re = new RegExp(a.value, 'u');
      } catch (error) {
        return { malformed: `pattern ${a.value} is not a regular expression: ${(error as Error).message}` };
      }
      return { expected: `matching /${a.value}/`, test: (v) => typeof v === 'string' && re.test(v) };
    }
    case 'lessThan':
    case 'greaterThan': {
      if (!isComparable(a.value)) return { malformed: `${a.op} needs a number or string value` };
      const sign = a.op === 'lessThan' ? -1 : 1;
      return {
        expected: `${a.op === 'lessThan' ? 'less' : 'greater'} than ${show(a.value)}`,
        test: (v) => {
          const c = compare(v, a.value);
          return c !== undefined && Math.sign(c) === sign;
        },
      };
    }
    case 'between': {
      const [min, max] = a.values ?? [];
      if (a.values?.length !== 2 || !isComparable(min) || !isComparable(max))
        return { malformed: 'between needs values [min, max] (numbers or strings)' };
      return {
        expected: `between ${show(min)} and ${show(max)} (inclusive)`,
        test: (v) => {
          const low = compare(v, min);
          const high = compare(v, max);
          return low !== undefined && high !== undefined && low >= 0 && high <= 0;
        },
      };
    }
    case 'length':
      return typeof a.value === 'number'
        ? {
            expected: `of length ${a.value}`,
            test: (v) => (typeof v === 'string' || Array.isArray(v)) && v.length === a.value,
          }
        : { malformed: 'length needs a number value' };
    default:
      return { malformed: `operator ${a.op} takes no single-value rule` };
  }
}

function lengthOf(v: unknown): string {
  return typeof v === 'string' || Array.isArray(v) ? ` (length ${v.length})` : '';
}

/** Evaluates `assertion` on `payload`; `other` is the compared step's answer for `sameAsStep`. */
export function evaluateAssertion(
  assertion: Assertion,
  payload: unknown,
  other?: OtherAnswer,
): AssertionOutcome {
  const matches = selectJsonPath(payload, assertion.path);
  switch (assertion.op) {
    case 'exists':
      return matches.length > 0
        ? { holds: true, found: showMatches(matches) }
        : { holds: false, expected: 'present', found: 'nothing at the path' };
    case 'absent':
      return matches.length === 0
        ? { holds: true, found: 'nothing at the path' }
        : { holds: false, expected: 'absent', found: showMatches(matches) };
    case 'sameAsStep': {
      if (assertion.step === undefined) return { malformed: 'sameAsStep needs a step' };
      const otherPath = assertion.otherPath ?? assertion.path;
      const expected = `the same as step ${assertion.step}'s answer at ${otherPath}`;
      if (other === undefined) return { malformed: `step ${assertion.step} has no answer to compare with` };
      const theirs = selectJsonPath(other.payload, otherPath);
      const same =
        matches.length > 0 &&
        matches.length === theirs.length &&
        matches.every((m, i) => isDeepStrictEqual(m.value, theirs[i]!.value));
      return same
        ? { holds: true, found: showMatches(matches) }
        : { holds: false, expected: `${expected} (${showMatches(theirs)})`, found: showMatches(matches) };
    }
    default: {
      const rule = valueRule(assertion);
      if ('malformed' in rule) return rule;
      if (matches.length === 0)
        return { holds: false, expected: rule.expected, found: 'nothing at the path' };
      const failing = matches.filter((m) => !rule.test(m.value));
      if (failing.length === 0) return { holds: true, found: showMatches(matches) };
      const found = failing
        .map((m) => `${show(m.value)}${assertion.op === 'length' ? lengthOf(m.value) : ''} at ${m.path}`)
        .join(', ');
      return { holds: false, expected: rule.expected, found };
    }
  }
}
