import type { SchemaSet } from './schema-set.js';

/** A value of another JSON type than `type` (a string for numbers, a number for strings). */
export function wrongTypeValue(type: string): unknown {
  switch (type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return '12';
    case 'boolean':
      return 'true';
    case 'null':
      return 0;
    default:
      return 'feil type';
  }
}

/** The JSON type of a value as JSON Schema names it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A string no enum of strings holds. */
export function outsideEnum(values: readonly unknown[]): string {
  let candidate = 'UKJENT_KODE';
  while (values.includes(candidate)) candidate += '_X';
  return candidate;
}

/**
 * Strings close to a valid `value` that may break its pattern and nothing else, in the order
 * tried: blanks of the same length (for "not blank"), a letter added, the date-time separator
 * written as a space, a URN prefix (a UUID format accepts, a bare-UUID pattern does not), a
 * folder in front (for file names).
 */
export function patternBreakers(value: string): string[] {
  const candidates = [
    ' '.repeat(Math.max(value.length, 1)),
    `${value}x`,
    `x${value.slice(1)}`,
    value.replace('T', ' '),
    `urn:uuid:${value}`,
    `${value.slice(0, -1)}x`,
    `mappe/${value}`,
  ];
  return [...new Set(candidates)].filter((c) => c !== value);
}

/** Values that break a `format` (and, where possible, only that): the date is the one that does not exist. */
export function formatBreakers(format: string, value: string): string[] {
  switch (format) {
    case 'date':
      return ['2026-02-30'];
    case 'date-time':
      return ['2026-02-30T08:00:00+01:00', value.replace(/^\d{4}-\d{2}-\d{2}/, '2026-02-30')];
    case 'time':
      return ['25:00:00+01:00'];
    case 'uuid':
      return [`${value.slice(0, -1)}g`, 'ikke-en-uuid'];
    case 'email':
      return ['ikke-en-epost', 'post@@example.no'];
    case 'uri':
      return ['ikke en uri', 'https://exa mple.no'];
    default:
      return [];
  }
}

/** Longer strings from `value`, at exactly `length` characters: its last character repeated, its first, or `x`. */
export function longerStrings(value: string, length: number): string[] {
  const last = value.at(-1) ?? 'x';
  const first = value.at(0) ?? 'x';
  return [...new Set([value.padEnd(length, last), value.padStart(length, first), 'x'.repeat(length)])];
}

const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  date: '2026-03-02',
  'date-time': '2026-03-02T08:00:00+01:00',
  uuid: '00000000-0000-4000-8000-000000000000',
  email: 'post@example.no',
  uri: 'https://example.no',
};

/**
 * A small valid value for a schema (for an optional field the base payload lacks), or undefined
 * when none of the simple candidates is valid: the first enum value, the format's sample, runs of
 * `0` or `x`, the minimum; an object of its required properties' samples (or of all its
 * properties'), an array of one sample item.
 */
export function sampleValue(schemas: SchemaSet, node: unknown, base: string, depth = 0): unknown {
  const { node: resolved, base: file } = schemas.resolve(node as Record<string, unknown>, base);
  if (typeof resolved === 'boolean' || depth > 4) return undefined;
  const candidates: unknown[] = [];
  if (resolved['type'] === 'object') candidates.push(...sampleObjects(schemas, resolved, file, depth));
  if (resolved['type'] === 'array' && resolved['items'] !== undefined) {
    const item = sampleValue(schemas, resolved['items'], file, depth + 1);
    if (item !== undefined) candidates.push([item]);
  }
  if (Array.isArray(resolved['enum'])) candidates.push(...resolved['enum']);
  if ('const' in resolved) candidates.push(resolved['const']);
  const type = resolved['type'];
  if (type === 'string') {
    const format = resolved['format'];
    if (typeof format === 'string' && FORMAT_SAMPLES[format] !== undefined)
      candidates.push(FORMAT_SAMPLES[format]);
    const min = typeof resolved['minLength'] === 'number' ? resolved['minLength'] : 1;
    for (let n = Math.max(min, 1); n <= Math.max(min, 25); n++) candidates.push('0'.repeat(n), 'x'.repeat(n));
  }
  if (type === 'integer' || type === 'number') {
    const min = resolved['minimum'];
    candidates.push(typeof min === 'number' ? min : 0, 1);
  }
  if (type === 'boolean') candidates.push(true);
  return candidates.find((c) => schemas.errorsOf(resolved, file, c, '').length === 0);
}

/** Objects of sample values: of the required properties, then of every property. */
function sampleObjects(
  schemas: SchemaSet,
  schema: Readonly<Record<string, unknown>>,
  file: string,
  depth: number,
): Record<string, unknown>[] {
  const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  const build = (names: readonly string[]) => {
    const entries = names.map((name) => [
      name,
      sampleValue(schemas, properties[name] ?? {}, file, depth + 1),
    ]);
    return entries.every(([, v]) => v !== undefined) ? Object.fromEntries(entries) : undefined;
  };
  return [build(required), build(Object.keys(properties))].filter(
    (o): o is Record<string, unknown> => o !== undefined,
  );
}
