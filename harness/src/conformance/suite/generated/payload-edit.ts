import { pointerFromSegments, pointerSegments, valueAtPointer } from '@fiks-faktura/sdk';

/**
 * One change to a resolved request payload, as data: generated cases carry their edits and
 * apply them after the base case's template is filled, so the data map and the run's day still
 * shape everything the edit leaves alone.
 */
export type PayloadEdit =
  /** Set the value at `pointer` (the parent must exist). */
  | { readonly op: 'set'; readonly pointer: string; readonly value: unknown }
  /** Remove the property or array element at `pointer`. */
  | { readonly op: 'remove'; readonly pointer: string }
  /** Replace the last digit of the identifier at `pointer` with the next digit (mod 10), so its check digit is wrong. */
  | { readonly op: 'breakCheckDigit'; readonly pointer: string }
  /** Repeat the array's elements at `pointer` until it holds `length` of them. */
  | { readonly op: 'fillArray'; readonly pointer: string; readonly length: number };

/** A deep copy of `payload` with every edit applied in order (the input is left as it is). */
export function applyPayloadEdits(payload: unknown, edits: readonly PayloadEdit[]): unknown {
  const document = structuredClone(payload);
  let root: unknown = document;
  for (const edit of edits) {
    const tokens = pointerSegments(edit.pointer);
    const last = tokens.pop();
    if (last === undefined) {
      if (edit.op === 'set') root = structuredClone(edit.value);
      continue;
    }
    const parent = valueAtPointer(root, pointerFromSegments(tokens));
    if (typeof parent !== 'object' || parent === null) continue;
    const record = parent as Record<string, unknown>;
    switch (edit.op) {
      case 'set':
        record[last] = structuredClone(edit.value);
        break;
      case 'remove':
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete record[last];
        break;
      case 'breakCheckDigit': {
        const value = record[last];
        if (typeof value === 'string') record[last] = withWrongCheckDigit(value);
        break;
      }
      case 'fillArray': {
        const value = record[last];
        if (Array.isArray(value) && value.length > 0) {
          const filled = [...value];
          for (let i = 0; filled.length < edit.length; i++)
            filled.push(structuredClone(value[i % value.length]));
          record[last] = filled;
        }
        break;
      }
    }
  }
  return root;
}

/** The identifier with its last digit replaced by the next one (9 → 0). */
export function withWrongCheckDigit(value: string): string {
  const last = value.at(-1);
  if (last === undefined || !/[0-9]/.test(last)) return value;
  return `${value.slice(0, -1)}${(Number(last) + 1) % 10}`;
}
