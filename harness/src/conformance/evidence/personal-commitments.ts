import { createHmac, randomBytes } from 'node:crypto';
import type { PersonalDataMasks } from '../report/index.js';

/** How a commitment starts: `hmac-sha256:` and 64 hex digits. */
export const COMMITMENT_PREFIX = 'hmac-sha256:';

/** A fresh per-bundle salt (32 random bytes). */
export function newCommitmentSalt(): Buffer {
  return randomBytes(32);
}

/**
 * The commitment to one value: `hmac-sha256:` + hex HMAC-SHA256 keyed with the bundle's salt over
 * the value's UTF-8 text (the digits as written, or the name). Whoever is given the salt and a
 * value can recompute it; without the salt a commitment reveals nothing checkable.
 */
export function commitmentTo(salt: Buffer, value: string): string {
  return COMMITMENT_PREFIX + createHmac('sha256', salt).update(value, 'utf8').digest('hex');
}

/**
 * The report's masking rules (which fødselsnummer, D-nummer and names count as personal data)
 * with a commitment in place of each asterisk mask: the same value gets the same commitment
 * throughout a bundle, so a reply that echoes a request still equals it.
 */
export function commitmentMasks(salt: Buffer): PersonalDataMasks {
  return {
    number: (digits) => commitmentTo(salt, digits),
    identity: (value) => commitmentTo(salt, value),
    name: (value) => commitmentTo(salt, typeof value === 'string' ? value : JSON.stringify(value)),
  };
}
