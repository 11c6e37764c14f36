// JSON Pointers (RFC 6901) as Ajv reports them in `instancePath` (`/accounts/0/name`, `~1` for `/`
// and `~0` for `~` inside a name), and as `$ref`s write them after the `#`: their segments, the
// pointer built from segments, the value they point at, and the field they name, written the way
// a person reads it (`accounts[0].name`).

/** `a~1b` → `a/b`, `m~0n` → `m~n`: one pointer segment as the name it stands for. */
export function unescapePointerSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `a/b` → `a~1b`, `m~n` → `m~0n`: a name as one pointer segment. */
export function escapePointerSegment(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** `/accounts/0/a~1b` → `['accounts', '0', 'a/b']`; `''` (the whole document) → `[]`. */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointerSegment);
}

/** `['accounts', 0, 'a/b']` → `/accounts/0/a~1b`; `[]` → `''` (the whole document). */
export function pointerFromSegments(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${escapePointerSegment(String(segment))}`).join('');
}

/**
 * The segments of a JSON pointer written as a URI fragment, the part of a `$ref` after the `#`
 * (`/$defs/a%25b~1c` → `['$defs', 'a%b/c']`): each segment percent-decoded, then unescaped (RFC
 * 6901 §6). `''` (the whole document) → `[]`; undefined for a fragment that is no pointer (a
 * plain name such as `#kid` names an `$anchor`) or is not well percent-encoded.
 */
export function fragmentPointerSegments(fragment: string): string[] | undefined {
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return undefined;
  try {
    return fragment
      .slice(1)
      .split('/')
      .map((segment) => unescapePointerSegment(decodeURIComponent(segment)));
  } catch {
    return undefined;
  }
}

/** The value under `segments` in `root`, or undefined when nothing is there (own properties only). */
function valueAtSegments(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * The value at a JSON pointer in `root`, or undefined when nothing is there. Only the document's
 * own properties count: `/constructor` of `{}` is nothing.
 */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  return valueAtSegments(root, pointerSegments(pointer));
}

/**
 * The value a `$ref` fragment (`/$defs/beloep`) points at in `root`, or undefined when nothing is
 * there (own properties only) or the fragment is no pointer (see {@link fragmentPointerSegments}).
 */
export function valueAtFragmentPointer(root: unknown, fragment: string): unknown {
  const segments = fragmentPointerSegments(fragment);
  return segments === undefined ? undefined : valueAtSegments(root, segments);
}

/** What {@link readableFieldPath} names the whole document. */
export const TOP_LEVEL_FIELD = '(top level)';

/** A pointer's segments joined as a field path, each name after a `.` and each index in brackets. */
function joinedFieldPath(pointer: string): string {
  return pointerSegments(pointer)
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('');
}

/**
 * A JSON pointer as a field a person reads, `/accounts/0/name` → `accounts[0].name`, and `''` for
 * the whole document, which the caller names in its own words ({@link readableFieldPath} says
 * `(top level)`).
 */
export function dottedFieldPath(pointer: string): string {
  return joinedFieldPath(pointer).replace(/^\./, '');
}

/**
 * A JSON pointer as a field a person reads: `/accounts/0/name` → `accounts[0].name`, `''` →
 * `(top level)`. `property` (the missing or unknown key Ajv names in an error's params) is
 * appended as a key: `('/accounts/1', 'navn')` → `accounts[1].navn`.
 */
export function readableFieldPath(pointer: string, property?: string): string {
  const path = joinedFieldPath(pointer);
  const field = (property === undefined ? path : `${path}.${property}`).replace(/^\./, '');
  return field === '' ? TOP_LEVEL_FIELD : field;
}
