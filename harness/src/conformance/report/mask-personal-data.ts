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

/** `run` (digits only) with every 11-digit window that is a valid number replaced by asterisks. */
function maskDigitRun(run: string): string {
  const masked = [...run];
  let changed = false;
  for (let start = 0; start + 11 <= run.length; start++) {
    if (isValidFoedselsnummer(run.slice(start, start + 11))) {
      masked.fill('*', start, start + 11);
      changed = true;
    }
  }
  return changed ? masked.join('') : run;
}

/**
 * `text` with every fødselsnummer and D-nummer (synthetic test numbers included) replaced by
 * {@link FOEDSELSNUMMER_MASK}: any 11 consecutive digits that pass both MOD11 checks and encode a
 * real date, also inside a longer run of digits, and the same written with a space, dot or dash
 * after the birth date.
 */
export function maskFoedselsnumreInText(text: string): string {
  if (!/[0-9]{6}/.test(text)) return text;
  return text
    .replace(SEPARATED, (whole, date: string, rest: string) =>
      isValidFoedselsnummer(date + rest) ? FOEDSELSNUMMER_MASK : whole,
    )
    .replace(DIGIT_RUN, (run) => maskDigitRun(run));
}

/** A value at a fødselsnummer key: every digit hidden, whatever the value is. */
function maskIdentityValue(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/[0-9]/g, '*');
  if (typeof value === 'number' || typeof value === 'bigint') return String(value).replace(/[0-9]/g, '*');
  return maskPersonalData(value);
}

/**
 * An integer holding a number: as written (a longer integer may hold one inside), or padded to 11
 * digits (JSON drops a leading zero). Returned masked as a string, or undefined when it holds none.
 */
function maskInteger(value: number): string | undefined {
  if (!Number.isSafeInteger(value) || value < 1e9) return undefined;
  const digits = value < 1e11 ? String(value).padStart(11, '0') : String(value);
  const masked = maskDigitRun(digits);
  return masked === digits ? undefined : masked;
}

function isPersonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return !('organisasjonsnummer' in value) || [...IDENTITY_KEYS].some((k) => k in value);
}

function maskObject(value: Record<string, unknown>, payerContext: boolean): Record<string, unknown> {
  const hasIdentity = [...IDENTITY_KEYS].some((k) => k in value);
  const maskName = (hasIdentity || payerContext) && isPersonObject(value);
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: a `__proto__` key must stay a plain key.
  const put = (key: string, item: unknown) =>
    Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  for (const [key, item] of Object.entries(value)) {
    // Two keys holding numbers mask to the same text: keep both values.
    let safeKey = maskFoedselsnumreInText(key);
    for (let n = 2; safeKey !== key && Object.hasOwn(out, safeKey); n++)
      safeKey = `${maskFoedselsnumreInText(key)}#${n}`;
    if (IDENTITY_KEYS.has(key)) put(safeKey, maskIdentityValue(item));
    else if (DIGEST_KEYS.has(key) && typeof item === 'string' && HEX_DIGEST.test(item)) put(safeKey, item);
    else if (key === 'navn' && maskName && item !== null && item !== undefined) put(safeKey, NAME_MASK);
    else put(safeKey, maskValue(item, PAYER_KEYS.has(key)));
  }
  return out;
}

function maskValue(value: unknown, payerContext: boolean): unknown {
  if (typeof value === 'string') return maskFoedselsnumreInText(value);
  if (typeof value === 'number') return maskInteger(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, payerContext));
  if (typeof value === 'object' && value !== null) {
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value;
    return maskObject(value as Record<string, unknown>, payerContext);
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
 */
export function maskPersonalData<T>(value: T): T {
  return maskValue(value, false) as T;
}
