/**
 * The placeholder grammar of case templates (documented in `protocols/conformance/README.md`):
 *
 * ```text
 * template    := ( text | "$${" | "${" expression "}" )*
 * expression  := "foresporselId" [ ":" digits ]
 *              | "now"
 *              | "date:" sum ( "|" modifier [ ( "+" | "-" ) sum ] )*
 *              | sum
 * sum         := operand ( ( "+" | "-" ) operand )*
 * operand     := ( digits | reference ) [ unit ]
 * unit        := "days" | "months" | "bankingDays"
 * modifier    := "banking" | "saturday"
 * reference   := segment ( "." segment )*
 * ```
 *
 * A segment is letters, digits, `_` and `-`; a `-` belongs to a segment only when more segments
 * follow (so `invoice.2026-0001.kid` is one reference and `today-5` is `today` minus 5). `$${`
 * writes a literal `${`. Spaces are allowed around operators and before a unit. In a date, a
 * modifier applies to the date computed so far, and arithmetic may continue after it
 * (`date:today+30|banking+1`: the day after the banking day on or after today + 30).
 */

/** A dotted name: `payer.P01.innbygger`, `profile.deferral.feeOere`, `today`. */
export interface Reference {
  kind: 'ref';
  path: string[];
}

/** A number or a reference, with a sign and (in date sums) a unit. */
export interface Operand {
  sign: 1 | -1;
  value: { kind: 'int'; value: number } | Reference;
  unit?: 'days' | 'months' | 'bankingDays';
}

/** A modifier applied to the date so far, then more arithmetic (in days, months or banking days). */
export interface DateStep {
  modifier: 'banking' | 'saturday';
  operands: Operand[];
}

/** A parsed placeholder. */
export type Expression =
  | { kind: 'uuid'; index: number }
  | { kind: 'now' }
  | { kind: 'date'; operands: Operand[]; after: DateStep[] }
  | { kind: 'sum'; operands: Operand[] };

/** A template string split into literal text and placeholders (`source` is the text inside `${…}`). */
export type TemplatePart = string | { expression: Expression; source: string };

/** Thrown for text that is not in the grammar; the caller adds the case and file. */
export class PlaceholderSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`\${${source}}: ${reason}`);
  }
}

const UNITS = ['bankingDays', 'months', 'days'] as const;
const MODIFIERS = ['banking', 'saturday'] as const;

/** Splits a template string into text and parsed placeholders. */
export function parseTemplateString(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i + 2);
      if (end < 0) throw new PlaceholderSyntaxError(text.slice(i + 2), 'no closing "}"');
      if (literal !== '') parts.push(literal);
      literal = '';
      const source = text.slice(i + 2, end);
      parts.push({ expression: parseExpression(source), source });
      i = end + 1;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal !== '' || parts.length === 0) parts.push(literal);
  return parts;
}

/** True when the string holds at least one placeholder. */
export function hasPlaceholder(text: string): boolean {
  return parseTemplateString(text).some((part) => typeof part !== 'string');
}

/** Parses the text inside `${…}`. */
export function parseExpression(source: string): Expression {
  const uuid = /^foresporselId(?::([1-9][0-9]?))?$/.exec(source);
  if (uuid) return { kind: 'uuid', index: uuid[1] === undefined ? 1 : Number(uuid[1]) };
  if (source === 'now') return { kind: 'now' };
  if (source.startsWith('date:')) {
    const [sum, ...mods] = source.slice(5).split('|');
    const after = mods.map((m): DateStep => {
      const match = /^ *([A-Za-z]+) *(.*)$/.exec(m);
      const name = match?.[1] ?? '';
      const rest = match?.[2] ?? '';
      if (!(MODIFIERS as readonly string[]).includes(name)) {
        throw new PlaceholderSyntaxError(
          source,
          `unknown date modifier "${m.trim()}" (known: ${MODIFIERS.join(', ')})`,
        );
      }
      if (rest !== '' && !/^[+-]/.test(rest)) {
        throw new PlaceholderSyntaxError(source, `expected "+" or "-" after |${name}, found "${rest}"`);
      }
      const operands = rest === '' ? [] : parseSum(source, `0${rest}`).slice(1);
      return { modifier: name as DateStep['modifier'], operands };
    });
    return { kind: 'date', operands: parseSum(source, sum ?? ''), after };
  }
  return { kind: 'sum', operands: parseSum(source, source) };
}

function parseSum(source: string, text: string): Operand[] {
  const operands: Operand[] = [];
  let i = 0;
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  let sign: 1 | -1 = 1;
  for (;;) {
    skipSpaces();
    const rest = text.slice(i);
    const int = /^[0-9]+/.exec(rest);
    let value: Operand['value'];
    if (int) {
      value = { kind: 'int', value: Number(int[0]) };
      i += int[0].length;
    } else {
      const ref = readReference(rest);
      if (ref === undefined) {
        throw new PlaceholderSyntaxError(
          source,
          rest === '' ? 'an operand is missing' : `unexpected "${rest}"`,
        );
      }
      value = ref.ref;
      i += ref.length;
    }
    const operand: Operand = { sign, value };
    const unitText = /^ *([A-Za-z]+)/.exec(text.slice(i));
    if (unitText && (UNITS as readonly string[]).includes(unitText[1] ?? '')) {
      operand.unit = unitText[1] as Operand['unit'];
      i += unitText[0].length;
    }
    operands.push(operand);
    skipSpaces();
    if (i >= text.length) return operands;
    const op = text[i];
    if (op !== '+' && op !== '-')
      throw new PlaceholderSyntaxError(source, `expected "+" or "-" at "${text.slice(i)}"`);
    sign = op === '+' ? 1 : -1;
    i++;
  }
}

function readReference(text: string): { ref: Reference; length: number } | undefined {
  const path: string[] = [];
  let i = 0;
  for (;;) {
    const seg = /^[A-Za-z0-9_-]+/.exec(text.slice(i))?.[0];
    if (seg === undefined) return undefined;
    if (text[i + seg.length] === '.' && /^[A-Za-z0-9_-]/.test(text.slice(i + seg.length + 1))) {
      path.push(seg);
      i += seg.length + 1;
      continue;
    }
    const last = /^[A-Za-z0-9_]+/.exec(seg)?.[0];
    if (last === undefined) return undefined;
    path.push(last);
    i += last.length;
    if (!/^[A-Za-z_]/.test(path[0] ?? '')) return undefined;
    return { ref: { kind: 'ref', path }, length: i };
  }
}
