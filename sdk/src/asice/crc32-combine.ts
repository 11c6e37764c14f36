/**
 * The CRC-32 of a concatenation from the CRC-32s of its parts, as zlib's `crc32_combine` computes
 * it: appending n bytes multiplies the first CRC by x^(8n) modulo the CRC polynomial. It lets two
 * threads checksum two parts of one file at the same time.
 */

/** The CRC-32 polynomial, bit-reflected. */
const POLYNOMIAL = 0xedb88320;

/** a·b modulo the polynomial (both reflected, so bit 31 is x^0). */
function multiplyModP(a: number, b: number): number {
  let product = 0;
  let factor = b;
  for (let bit = 0x80000000; bit !== 0; bit >>>= 1) {
    if ((a & bit) !== 0) product ^= factor;
    factor = factor & 1 ? (factor >>> 1) ^ POLYNOMIAL : factor >>> 1;
  }
  return product >>> 0;
}

/** x^(2^k) modulo the polynomial, for k = 0…31 (the powers repeat with period 32 from there on). */
const X_POW_2K: number[] = [0x40000000];
for (let k = 1; k < 32; k++) X_POW_2K.push(multiplyModP(X_POW_2K[k - 1]!, X_POW_2K[k - 1]!));

/** x^(8·bytes) modulo the polynomial. */
function shiftForBytes(bytes: number): number {
  let power = 0x80000000; // x^0
  let k = 3; // 8 = 2^3
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++)
    if (n % 2 === 1) power = multiplyModP(X_POW_2K[k % 32]!, power);
  return power;
}

/** CRC-32 of A followed by B, from CRC-32(A), CRC-32(B) and B's length in bytes. */
export function crc32Combine(first: number, second: number, secondLength: number): number {
  return (multiplyModP(shiftForBytes(secondLength), first) ^ second) >>> 0;
}
