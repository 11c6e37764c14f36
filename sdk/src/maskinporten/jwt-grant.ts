import { type KeyObject, randomUUID, sign, type X509Certificate } from 'node:crypto';
import { MaskinportenError } from './maskinporten-error.js';

/** What goes into a Maskinporten JWT-bearer grant. */
export interface JwtGrantClaims {
  /** Maskinporten client id (`iss`). */
  clientId: string;
  /** Maskinporten audience (`aud`), e.g. `https://maskinporten.no/`. */
  audience: string;
  /** Space-separated scopes; Fiks IO needs `ks:fiks`. */
  scope: string;
  /**
   * Enterprise certificate, sent as `x5c`. Absent for a client registered with a key: then the
   * header carries only `kid`.
   */
  certificate?: X509Certificate;
  /** The RSA private key (of the certificate, or the registered key), which signs the grant (RS256). */
  privateKey: KeyObject;
  /** `kid` header: required without a certificate (the registered key's id), optional beside one. */
  keyId?: string;
  /** Issue time in ms since the epoch. */
  now: number;
  /** Token id; default a random UUID. */
  jti?: string;
}

/** Lifetime of a grant: `exp` = `iat` + 120 s, like KS's clients. */
export const JWT_GRANT_LIFETIME_SECONDS = 120;

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * Builds and signs (RS256) the JWT assertion of a Maskinporten JWT-bearer grant. The header is
 * `{alg, x5c}` (and `kid` when given) with an enterprise certificate, `{alg, kid}` with a
 * registered key, as KS's clients send them. Throws `MASKINPORTEN_KEY_ID_MISSING` without either.
 */
export function createJwtGrant(claims: JwtGrantClaims): string {
  if (claims.certificate === undefined && (claims.keyId === undefined || claims.keyId === ''))
    throw new MaskinportenError(
      'MASKINPORTEN_KEY_ID_MISSING',
      `Maskinporten client ${claims.clientId} has no certificate, so it needs the keyId (kid) of its registered key`,
      { details: { clientId: claims.clientId } },
    );
  const header = {
    alg: 'RS256',
    ...(claims.certificate === undefined ? {} : { x5c: [claims.certificate.raw.toString('base64')] }),
    ...(claims.keyId === undefined ? {} : { kid: claims.keyId }),
  };
  const iat = Math.floor(claims.now / 1000);
  const payload = {
    aud: claims.audience,
    iss: claims.clientId,
    iat,
    exp: iat + JWT_GRANT_LIFETIME_SECONDS,
    scope: claims.scope,
    jti: claims.jti ?? randomUUID(),
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(signingInput), claims.privateKey);
  return `${signingInput}.${base64url(signature)}`;
}
