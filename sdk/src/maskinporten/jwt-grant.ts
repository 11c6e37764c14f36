import { type KeyObject, randomUUID, sign, type X509Certificate } from 'node:crypto';

/** What goes into a Maskinporten JWT-bearer grant. */
export interface JwtGrantClaims {
  /** Maskinporten client id (`iss`). */
  clientId: string;
  /** Maskinporten audience (`aud`), e.g. `https://maskinporten.no/`. */
  audience: string;
  /** Space-separated scopes; Fiks IO needs `ks:fiks`. */
  scope: string;
  /** Enterprise certificate, sent as `x5c`. */
  certificate: X509Certificate;
  /** Its RSA private key, which signs the grant (RS256). */
  privateKey: KeyObject;
  /** Optional `kid` header. */
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

/** Builds and signs (RS256) the JWT assertion of a Maskinporten JWT-bearer grant. */
export function createJwtGrant(claims: JwtGrantClaims): string {
  const header = {
    alg: 'RS256',
    x5c: [claims.certificate.raw.toString('base64')],
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
