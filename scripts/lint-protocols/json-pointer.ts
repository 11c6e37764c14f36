/** Resolves an RFC 6901 JSON pointer (`''` is the whole document); `undefined` when it points nowhere. */
export function resolveJsonPointer(document: unknown, pointer: string): { value: unknown } | undefined {
  if (pointer === '') return { value: document };
  if (!pointer.startsWith('/')) return undefined;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return { value: current };
}
