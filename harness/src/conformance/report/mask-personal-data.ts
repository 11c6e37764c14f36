import { isValidFoedselsnummer } from '@fiks-faktura/sdk';

/**
 * What a fødselsnummer or D-nummer becomes in a stored report: eleven asterisks. Nothing of the
 * number is kept, not even the birth date: the date and the individnummer together leave so few
 * candidates that the check digits would give the number back.
 */
export const FOEDSELSNUMMER_MASK = '***********';

/** What a person's name becomes in a stored report. */
export const NAME_MASK = '*****';

/** Keys whose value is a fødselsnummer whether or not it is a valid one (a broken number is still personal). */
const IDENTITY_KEYS = new Set(['foedselsnummer', 'fødselsnummer', 'fodselsnummer']);

/** Keys under which the objects are payers (persons, or organisations when they carry `organisasjonsnummer`). */
const PAYER_KEYS = new Set(['innbygger', 'betaler', 'betalere', 'payer', 'payers', 'person', 'personer']);

/** Keys holding a hex digest: a digest is not personal data, and masking would corrupt it. */
const DIGEST_KEYS = new Set(['sha256', 'suiteHash', 'signerCertificateSha256']);
const HEX_DIGEST = /^[0-9a-f]{64}$/;

/** An 11-digit number written with one separator after the birth date (`158385 41280`). */
const SEPARATED = /(?<![0-9])([0-9]{6})[ .-]([0-9]{5})(?![0-9])/g;
const DIGIT_RUN = /[0-9]{11,}/g;

/**
 * What found personal data becomes. Default ({@link ASTERISKS}): asterisks. The evidence bundle
 * puts salted commitments in their place instead, by the same rules.
 */
export interface PersonalDataMasks {
  /** A run of digits holding one or more numbers (overlapping numbers form one run). */
  number(digits: string): string;
  /** The whole value at a fødselsnummer key (a string, or a number written as one). */
  identity(value: string): string;
  /** A person's name (any value at `navn` of a person object). */
  name(value: unknown): unknown;
}

/** The masks of stored reports: every digit an asterisk, a name {@link NAME_MASK}. */
export const ASTERISKS: PersonalDataMasks = {
  number: (digits) => '*'.repeat(digits.length),
  identity: (value) => value.replace(/[0-9]/g, '*'),
  name: () => NAME_MASK,
};

/** `run` (digits only) with every 11-digit window that is a valid number masked (overlapping windows as one). */
function maskDigitRun(run: string, masks: PersonalDataMasks): string {
  const spans: [number, number][] = [];
  for (let start = 0; start + 11 <= run.length; start++) {
    if (!isValidFoedselsnummer(run.slice(start, start + 11))) continue;
    const last = spans.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = start + 11;
    else spans.push([start, start + 11]);
  }
  if (spans.length === 0) return run;
  let out = '';
  let at = 0;
  for (const [from, to] of spans) {
    out += run.slice(at, from) + masks.number(run.slice(from, to));
    at = to;
  }
  return out + run.slice(at);
}

/**
 * `text` with every fødselsnummer and D-nummer (synthetic test numbers included) replaced by
 * {@link FOEDSELSNUMMER_MASK}: any 11 consecutive digits that pass both MOD11 checks and encode a
 * real date, also inside a longer run of digits, and the same written with a space, dot or dash
 * after the birth date.
 */
export function maskFoedselsnumreInText(text: string, masks: PersonalDataMasks = ASTERISKS): string {
  if (!/[0-9]{6}/.test(text)) return text;
  return text
    .replace(SEPARATED, (whole, date: string, rest: string) =>
      isValidFoedselsnummer(date + rest) ? masks.number(date + rest) : whole,
    )
    .replace(DIGIT_RUN, (run) => maskDigitRun(run, masks));
}

/** A value at a fødselsnummer key: every digit hidden, whatever the value is. */
function maskIdentityValue(value: unknown, masks: PersonalDataMasks): unknown {
  if (typeof value === 'string') return masks.identity(value);
  if (typeof value === 'number' || typeof value === 'bigint') return masks.identity(String(value));
  return maskPersonalData(value, masks);
}

/**
 * An integer holding a number: as written (a longer integer may hold one inside), or padded to 11
 * digits (JSON drops a leading zero). Returned masked as a string, or undefined when it holds none.
 */
function maskInteger(value: number, masks: PersonalDataMasks): string | undefined {
  if (!Number.isSafeInteger(value) || value < 1e9) return undefined;
  const digits = value < 1e11 ? String(value).padStart(11, '0') : String(value);
  const masked = maskDigitRun(digits, masks);
  return masked === digits ? undefined : masked;
}

function isPersonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return !('organisasjonsnummer' in value) || [...IDENTITY_KEYS].some((k) => k in value);
}

function maskObject(
  value: Record<string, unknown>,
  payerContext: boolean,
  masks: PersonalDataMasks,
): Record<string, unknown> {
  const hasIdentity = [...IDENTITY_KEYS].some((k) => k in value);
  const maskName = (hasIdentity || payerContext) && isPersonObject(value);
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: a `__proto__` key must stay a plain key.
  const put = (key: string, item: unknown) =>
    Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  for (const [key, item] of Object.entries(value)) {
    // Two keys holding numbers mask to the same text: keep both values.
    let safeKey = maskFoedselsnumreInText(key, masks);
    for (let n = 2; safeKey !== key && Object.hasOwn(out, safeKey); n++)
      safeKey = `${maskFoedselsnumreInText(key, masks)}#${n}`;
    if (IDENTITY_KEYS.has(key)) put(safeKey, maskIdentityValue(item, masks));
    else if (DIGEST_KEYS.has(key) && typeof item === 'string' && HEX_DIGEST.test(item)) put(safeKey, item);
    else if (key === 'navn' && maskName && item !== null && item !== undefined)
      put(safeKey, masks.name(item));
    else put(safeKey, maskValue(item, PAYER_KEYS.has(key), masks));
  }
  return out;
}

function maskValue(value: unknown, payerContext: boolean, masks: PersonalDataMasks): unknown {
  if (typeof value === 'string') return maskFoedselsnumreInText(value, masks);
  if (typeof value === 'number') return maskInteger(value, masks) ?? value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, payerContext, masks));
  if (typeof value === 'object' && value !== null) {
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value;
    return maskObject(value as Record<string, unknown>, payerContext, masks);
  }
  return value;
}

/**
 * A copy of `value` (any JSON-like value) with personal data masked, for everything the harness
 * writes (report.json, junit.xml, the console):
 * - every fødselsnummer and D-nummer in any string, key or integer (see
 *   {@link maskFoedselsnumreInText}) becomes {@link FOEDSELSNUMMER_MASK};
 * - every value at a key named `foedselsnummer` has all its digits hidden, valid or not;
 * - `navn` becomes {@link NAME_MASK} in an object that is a person: one with a `foedselsnummer`,
 *   or one under a payer key (`innbygger`, `betaler`, `betalere`, …) that is not an organisation
 *   (an object with `organisasjonsnummer` and no `foedselsnummer`). Other names (a municipality's
 *   unit, its contact office) stay.
 *
 * SHA-256 digests (hex, at keys `sha256`, `suiteHash`, `signerCertificateSha256`) stay as they
 * are. Buffers are returned as they are (reports hold their size and hash, never their bytes).
 * `masks` says what found data becomes (default: asterisks).
 */
export function maskPersonalData<T>(value: T, masks: PersonalDataMasks = ASTERISKS): T {
  return maskValue(value, false, masks) as T;
}
