import { JsonPathError, parseJsonPath, selectJsonPath } from '../checks/json-path.js';
import type { RecordedReply } from '../model/recorded-exchange.js';
import type { ResolvedStep } from '../model/resolved-case.js';

/** Puts `value` at `path` (names and indexes) in a copy of `payload`, creating objects on the way. */
function withValueAt(payload: unknown, path: string, value: unknown): unknown {
  const segments = parseJsonPath(path);
  const root = structuredClone(payload) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = root;
  for (const [i, segment] of segments.entries()) {
    if (segment.kind === 'wildcard')
      throw new JsonPathError(path, 'a follow-up value goes to one place, not [*]');
    const key = segment.kind === 'name' ? segment.name : segment.index;
    if (i === segments.length - 1) node[key] = value;
    else {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string | number, unknown>;
    }
  }
  return root;
}

/**
 * A follow-up step as it is sent: the values its `fromAnswer` names, taken from the first answers
 * of the earlier steps, put into its payload. `missing` says which value an earlier answer lacked
 * (then the step cannot be sent, and that is the vendor's answer's fault).
 */
export function followUpStep(
  step: ResolvedStep,
  firstAnswerOf: (step: number) => RecordedReply | undefined,
): { step: ResolvedStep } | { missing: string } {
  let payload = step.payload;
  for (const value of step.fromAnswer ?? []) {
    const answer = firstAnswerOf(value.step);
    const opened = answer?.opened;
    const source = opened?.ok === true ? opened.payload : undefined;
    const [match, ...more] = source === undefined ? [] : selectJsonPath(source, value.path);
    if (match === undefined || more.length > 0 || match.value === undefined)
      return {
        missing: `step ${value.step}'s answer has ${match === undefined ? 'no value' : 'more than one value'} at ${value.path}, which this follow-up puts at ${value.into}`,
      };
    payload = withValueAt(payload, value.into, match.value);
  }
  return { step: { ...step, payload } };
}
