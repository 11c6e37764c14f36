/**
 * Running a Node cipher in slices. Each `update` returns a fresh buffer; up to this size the
 * allocator hands out memory it already has, while larger outputs are mapped and faulted in anew
 * every time, which costs more than the AES itself (AES-256-CBC decryption runs about twice as fast
 * in 64 KiB slices as in 1 MiB ones).
 */
import type { Cipher, Decipher } from 'node:crypto';

export const CIPHER_SLICE_BYTES = 64 * 1024;

/** Feeds `input` to `cipher` slice by slice and hands every non-empty output to `emit`. */
export function updateInSlices(
  cipher: Cipher | Decipher,
  input: Uint8Array,
  emit: (output: Buffer) => void,
): void {
  for (let i = 0; i < input.length; i += CIPHER_SLICE_BYTES) {
    const output = cipher.update(input.subarray(i, i + CIPHER_SLICE_BYTES));
    if (output.length > 0) emit(output);
  }
}
