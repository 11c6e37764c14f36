/**
 * `size` bytes of a repeatable, hardly compressible pattern varied by `seed`: large test payloads
 * without random data, so a failure can be reproduced byte for byte.
 */
export function patternedBytes(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) out[i] = (i * 131 + seed + (i >> 11)) & 0xff;
  return out;
}
