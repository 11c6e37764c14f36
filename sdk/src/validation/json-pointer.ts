// JSON Pointers (RFC 6901) as Ajv reports them in `instancePath` (`/accounts/0/name`, `~1` for `/`
// and `~0` for `~` inside a name): their segments, the value they point at, and the field they
// name, written the way a person reads it (`accounts[0].name`).

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

/** The value at a JSON pointer in `root`, or undefined when nothing is there. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of pointerSegments(pointer)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** What {@link readableFieldPath} names the whole document. */
export const TOP_LEVEL_FIELD = '(top level)';

/**
 * A JSON pointer as a field a person reads: `/accounts/0/name` → `accounts[0].name`, `''` →
 * `(top level)`. `property` (the missing or unknown key Ajv names in an error's params) is
 * appended as a key: `('/accounts/1', 'navn')` → `accounts[1].navn`.
 */
export function readableFieldPath(pointer: string, property?: string): string {
  const segments = pointerSegments(pointer);
  const path = segments.map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`)).join('');
  const field = (property === undefined ? path : `${path}.${property}`).replace(/^\./, '');
  return field === '' ? TOP_LEVEL_FIELD : field;
}
