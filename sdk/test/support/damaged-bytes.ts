// Byte-level damage to a container, for the property tests that compare how readers take it.

/** Cut off at `at`, `bytes` inserted at `at`, one bit of the byte at `at` flipped, or `bytes` written over it. */
export type ByteDamage = 'truncate' | 'insert' | 'flip' | 'overwrite';

/** `base` with `damage` done at `at` (a position inside it), using `bytes` (at least one byte). */
export function withDamage(base: Buffer, damage: ByteDamage, at: number, bytes: Uint8Array): Buffer {
  if (damage === 'truncate') return base.subarray(0, at);
  if (damage === 'insert') return Buffer.concat([base.subarray(0, at), bytes, base.subarray(at)]);
  const copy = Buffer.from(base);
  if (damage === 'flip') copy[at]! ^= 1 << (bytes[0]! % 8);
  else copy.set(bytes.subarray(0, copy.length - at), at);
  return copy;
}
