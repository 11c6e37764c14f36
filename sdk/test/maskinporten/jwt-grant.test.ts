import { verify } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createJwtGrant } from '../../src/maskinporten/jwt-grant.js';
import { makeTestCertificate } from '../http/test-certificate.js';

const cert = makeTestCertificate();
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

test('header carries RS256, x5c with the DER certificate and the optional kid', () => {
  const jwt = createJwtGrant({
    clientId: 'client-1',
    audience: 'https://test.maskinporten.no/',
    scope: 'ks:fiks',
    certificate: cert.certificate,
    privateKey: cert.privateKey,
    keyId: 'kid-7',
    now: 1_700_000_000_500,
  });
  const [header] = jwt.split('.');
  const h = decode(header!);
  assert.equal(h, { alg: 'RS256', x5c: [cert.certificate.raw.toString('base64')], kid: 'kid-7' });
});

test('claims: aud, iss, iat in seconds, exp = iat + 120, scope ks:fiks, random UUID jti', () => {
  const grant = (jti?: string) =>
    createJwtGrant({
      clientId: 'client-1',
      audience: 'https://maskinporten.no/',
      scope: 'ks:fiks',
      certificate: cert.certificate,
      privateKey: cert.privateKey,
      now: 1_700_000_000_999,
      ...(jti ? { jti } : {}),
    });
  const jwt = grant();
  const [header, payload] = jwt.split('.');
  assert.not.ok('kid' in decode(header!));
  const claims = decode(payload!);
  assert.is(claims.aud, 'https://maskinporten.no/');
  assert.is(claims.iss, 'client-1');
  assert.is(claims.iat, 1_700_000_000);
  assert.is(claims.exp, 1_700_000_120);
  assert.is(claims.scope, 'ks:fiks');
  assert.match(claims.jti, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.is.not(decode(grant().split('.')[1]!).jti, claims.jti);
  assert.is(decode(grant('fixed').split('.')[1]!).jti, 'fixed');
});

test('the RS256 signature verifies with the certificate and fails for other input', () => {
  const jwt = createJwtGrant({
    clientId: 'c',
    audience: 'a',
    scope: 'ks:fiks',
    certificate: cert.certificate,
    privateKey: cert.privateKey,
    now: Date.now(),
  });
  const [h, p, s] = jwt.split('.');
  const signature = Buffer.from(s!, 'base64url');
  assert.ok(verify('sha256', Buffer.from(`${h}.${p}`), cert.certificate.publicKey, signature));
  assert.not.ok(verify('sha256', Buffer.from(`${h}.${p}x`), cert.certificate.publicKey, signature));
  assert.not.match(jwt, /[+/=]/);
});

test.run();
