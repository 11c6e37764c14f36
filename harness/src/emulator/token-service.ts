import { randomBytes, verify, X509Certificate } from 'node:crypto';
import type { AccountRegistry } from './account-registry.js';
import { EmulatorError } from './emulator-error.js';

/** The answer of a successful grant, as Maskinporten gives it. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** Settings of a {@link TokenService}. */
export interface TokenServiceOptions {
  registry: AccountRegistry;
  /** The `aud` a grant must carry: the emulator's base URL with a trailing `/`. */
  audience: () => string;
  /** Lifetime of issued tokens in seconds (default 120). */
  tokenLifetimeSeconds?: number;
  clock?: () => number;
}

const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SCOPE = 'ks:fiks';
const MAX_GRANT_LIFETIME_SECONDS = 120;
/** Clock skew allowed between the client and the token endpoint, as Maskinporten allows. */
const CLOCK_SKEW_SECONDS = 10;

function invalidGrant(description: string): EmulatorError {
  return new EmulatorError(400, 'INVALID_GRANT', description, { details: { error: 'invalid_grant' } });
}

function decodeSegment(segment: string | undefined, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw invalidGrant(`the assertion's ${what} is not a JSON object`);
}

function x5cCertificate(x5c: unknown): X509Certificate {
  if (!Array.isArray(x5c) || typeof x5c[0] !== 'string')
    throw invalidGrant('x5c must be an array of certificates');
  try {
    return new X509Certificate(Buffer.from(x5c[0], 'base64'));
  } catch {
    throw invalidGrant('x5c[0] is not a certificate');
  }
}

/**
 * A Maskinporten-style token endpoint: verifies a JWT-bearer grant (RS256 signature by the `x5c`
 * certificate, which must be the certificate registered for the client `iss`, or without `x5c` by
 * the public key registered for that client under the header's `kid`; `aud`; `exp` in
 * the future and at most 120 s after `iat`, `iat` at most 10 s ahead; scope `ks:fiks`; each grant
 * (`jti`) used once within its lifetime) and issues short-lived opaque
 * tokens that the API checks.
 */
export class TokenService {
  readonly #options: TokenServiceOptions;
  readonly #tokens = new Map<string, { clientId: string; expiresAt: number }>();
  /** Grants already used (client and `jti`, or the signature without one), until they expire. */
  readonly #usedGrants = new Map<string, number>();
  readonly #clock: () => number;

  constructor(options: TokenServiceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  /** Handles the form fields of `POST /token`; throws `INVALID_GRANT` (400) or `UNSUPPORTED_GRANT_TYPE` (400). */
  grant(form: URLSearchParams): TokenResponse {
    if (form.get('grant_type') !== GRANT_TYPE)
      throw new EmulatorError(400, 'UNSUPPORTED_GRANT_TYPE', `grant_type must be ${GRANT_TYPE}`, {
        details: { error: 'unsupported_grant_type' },
      });
    const assertion = form.get('assertion') ?? '';
    const parts = assertion.split('.');
    if (parts.length !== 3) throw invalidGrant('the assertion is not a signed JWT');
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    const header = decodeSegment(headerPart, 'header');
    const claims = decodeSegment(payloadPart, 'payload');
    if (header['alg'] !== 'RS256') throw invalidGrant('alg must be RS256');
    const clientId = typeof claims['iss'] === 'string' ? claims['iss'] : '';
    const client = this.#options.registry.maskinportenClient(clientId);
    const signingInput = Buffer.from(`${headerPart}.${payloadPart}`);
    const signature = Buffer.from(signaturePart, 'base64url');
    if (header['x5c'] !== undefined) {
      const certificate = x5cCertificate(header['x5c']);
      if (!verify('sha256', signingInput, certificate.publicKey, signature))
        throw invalidGrant('the signature does not verify with the x5c certificate');
      if (client === undefined) throw invalidGrant(`unknown client (iss ${JSON.stringify(clientId)})`);
      if (!client.certificate.raw.equals(certificate.raw))
        throw invalidGrant('the x5c certificate is not the one registered for this client');
    } else {
      const kid = header['kid'];
      if (typeof kid !== 'string' || kid === '') throw invalidGrant('the header needs x5c or kid');
      if (client === undefined) throw invalidGrant(`unknown client (iss ${JSON.stringify(clientId)})`);
      const key = client.keys?.get(kid);
      if (key === undefined)
        throw invalidGrant(`kid ${JSON.stringify(kid)} is not a key registered for this client`);
      if (!verify('sha256', signingInput, key, signature))
        throw invalidGrant('the signature does not verify with the key registered as kid');
    }
    if (claims['aud'] !== this.#options.audience())
      throw invalidGrant(`aud must be ${this.#options.audience()}`);
    const now = Math.floor(this.#clock() / 1000);
    const iat = claims['iat'];
    const exp = claims['exp'];
    if (typeof iat !== 'number' || typeof exp !== 'number') throw invalidGrant('iat and exp are required');
    if (iat > now + CLOCK_SKEW_SECONDS)
      throw invalidGrant(`Invalid assertion. iat is in the future (more than ${CLOCK_SKEW_SECONDS} s ahead)`);
    if (exp <= now - CLOCK_SKEW_SECONDS) throw invalidGrant('the assertion has expired');
    if (exp - iat > MAX_GRANT_LIFETIME_SECONDS) throw invalidGrant('exp may be at most 120 s after iat');
    const scopes = typeof claims['scope'] === 'string' ? claims['scope'].split(' ') : [];
    if (!scopes.includes(SCOPE)) throw invalidGrant(`scope must include ${SCOPE}`);
    const jti = claims['jti'];
    const grantKey = `${clientId}\u0000${typeof jti === 'string' ? jti : signaturePart}`;
    this.#sweep();
    if (this.#usedGrants.has(grantKey))
      throw invalidGrant('Invalid assertion. The JWT (jti) has already been used');
    this.#usedGrants.set(grantKey, (exp + CLOCK_SKEW_SECONDS) * 1000);
    const lifetime = this.#options.tokenLifetimeSeconds ?? 120;
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, { clientId, expiresAt: this.#clock() + lifetime * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: lifetime, scope: SCOPE };
  }

  /** The Maskinporten client a token was issued to, while it has not expired; otherwise undefined. */
  clientOf(token: string): string | undefined {
    const entry = this.#tokens.get(token);
    return entry !== undefined && entry.expiresAt > this.#clock() ? entry.clientId : undefined;
  }

  /** True for a token this service issued and that has not expired. */
  isValid(token: string): boolean {
    return this.clientOf(token) !== undefined;
  }

  #sweep(): void {
    const now = this.#clock();
    for (const [token, entry] of this.#tokens) if (entry.expiresAt <= now) this.#tokens.delete(token);
    for (const [grant, expiresAt] of this.#usedGrants) if (expiresAt <= now) this.#usedGrants.delete(grant);
  }
}
