import { FiksError } from '@fiks-faktura/sdk';

/**
 * The JSONPath subset case assertions use: `$` (the payload), `.name` (an object property),
 * `[n]` (an array element, 0-based) and `[*]` (every element of an array, or every value of an
 * object). A path selects zero or more values; selecting through a missing property or a value of
 * the wrong kind selects nothing (it never throws).
 */

/** One step of a parsed path. */
export type JsonPathSegment =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' };

/** A value a path selected, with the concrete path to it (wildcards resolved). */
export interface JsonPathMatch {
  readonly path: string;
  readonly value: unknown;
}

/** Thrown for a path outside the subset; a case with such a path is a fault of the suite. */
export class JsonPathError extends FiksError {
  constructor(path: string, reason: string) {
    super(
      'JSON_PATH_INVALID',
      `'${path}' is not a supported JSONPath: ${reason}. Use $, .name, [n] and [*].`,
      {
        details: { path, reason },
      },
    );
  }
}

const TOKEN = /\.([^.[\]\s]+)|\[(\d+)\]|\[\*\]/y;

/** The segments of `path`; throws {@link JsonPathError} for anything outside the subset. */
export function parseJsonPath(path: string): JsonPathSegment[] {
  if (!path.startsWith('$')) throw new JsonPathError(path, 'it must start with $');
  const segments: JsonPathSegment[] = [];
  TOKEN.lastIndex = 1;
  while (TOKEN.lastIndex < path.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(path);
    if (m === null) throw new JsonPathError(path, `unexpected '${path.slice(at)}' at position ${at}`);
    if (m[1] !== undefined) segments.push({ kind: 'name', name: m[1] });
    else if (m[2] !== undefined) segments.push({ kind: 'index', index: Number(m[2]) });
    else segments.push({ kind: 'wildcard' });
  }
  return segments;
}

/** The path text of `segments` (the inverse of {@link parseJsonPath}). */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  return `$${segments
    .map((s) => (s.kind === 'name' ? `.${s.name}` : s.kind === 'index' ? `[${s.index}]` : '[*]'))
    .join('')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function step(match: JsonPathMatch, segment: JsonPathSegment): JsonPathMatch[] {
  const { value, path } = match;
  switch (segment.kind) {
    case 'name':
      return isRecord(value) && Object.hasOwn(value, segment.name) && value[segment.name] !== undefined
        ? [{ path: `${path}.${segment.name}`, value: value[segment.name] }]
        : [];
    case 'index':
      return Array.isArray(value) && segment.index < value.length
        ? [{ path: `${path}[${segment.index}]`, value: value[segment.index] }]
        : [];
    case 'wildcard':
      if (Array.isArray(value)) return value.map((v, i) => ({ path: `${path}[${i}]`, value: v }));
      return isRecord(value)
        ? Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => ({ path: `${path}.${k}`, value: v }))
        : [];
  }
}

/** Every value `path` selects in `root`, in document order. */
export function selectJsonPath(root: unknown, path: string | readonly JsonPathSegment[]): JsonPathMatch[] {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  return segments.reduce<JsonPathMatch[]>(
    (matches, segment) => matches.flatMap((m) => step(m, segment)),
    [{ path: '$', value: root }],
  );
}
