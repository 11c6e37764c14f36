import type { JsonPayload } from '../mutant.js';

/** The object at `key` of `value`, when there is one. */
export function objectAt(value: unknown, key: string): JsonPayload | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const child = (value as JsonPayload)[key];
  return typeof child === 'object' && child !== null && !Array.isArray(child)
    ? (child as JsonPayload)
    : undefined;
}

/** The array of objects at `key` of `value`, when there is one. */
export function objectsAt(value: unknown, key: string): JsonPayload[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const child = (value as JsonPayload)[key];
  return Array.isArray(child) ? (child as JsonPayload[]) : undefined;
}
