import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { MaskinportenTokenProvider } from '../../src/maskinporten/maskinporten-token-provider.js';
import { makeTestCertificate } from '../http/test-certificate.js';

const cert = makeTestCertificate();
const TOKEN_URL = 'https://test.maskinporten.no/token';

interface Call {
  url: string;
  init: RequestInit;
  form: URLSearchParams;
}

function fakeFetch(responses: Array<(() => Response) | Error>) {
  const calls: Call[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init, form: new URLSearchParams(String(init.body)) });
    const next = responses.length > 1 ? responses.shift()! : responses[0]!;
    if (next instanceof Error) throw next;
    return next();
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const ok =
  (token: string, expiresIn = 120) =>
  () =>
    Response.json({ access_token: token, expires_in: expiresIn, scope: 'ks:fiks', token_type: 'Bearer' });

function provider(fetchFn: typeof fetch, clock: { now: number }, extra: { sleeps?: number[] } = {}) {
  return new MaskinportenTokenProvider({
    tokenUrl: TOKEN_URL,
    audience: 'https://test.maskinporten.no/',
    clientId: 'client-1',
    certificate: cert.certificate,
    privateKey: cert.privateKey,
    fetch: fetchFn,
    clock: () => clock.now,
    retry: { maxRetries: 2, sleep: async (ms) => void extra.sleeps?.push(ms), random: () => 1 },
  });
}

test('posts a form-urlencoded jwt-bearer grant and parses the token response', async () => {
  const { fn, calls } = fakeFetch([ok('tok-1')]);
  const clock = { now: 1_000_000 };
  const token = await provider(fn, clock).getToken();
  assert.equal(token, {
    accessToken: 'tok-1',
    expiresAt: 1_000_000 + 120_000,
    scope: 'ks:fiks',
    tokenType: 'Bearer',
  });
  assert.is(calls.length, 1);
  const call = calls[0]!;
  assert.is(call.url, TOKEN_URL);
  assert.is(call.init.method, 'POST');
  assert.is(
    (call.init.headers as Record<string, string>)['Content-Type'],
    'application/x-www-form-urlencoded',
  );
  assert.is(call.form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
  const claims = JSON.parse(Buffer.from(call.form.get('assertion')!.split('.')[1]!, 'base64url').toString());
  assert.is(claims.iss, 'client-1');
  assert.is(claims.scope, 'ks:fiks');
  assert.is(claims.iat, 1000);
});

test('caches the token until fewer than 10 s remain, then refreshes', async () => {
  const { fn, calls } = fakeFetch([ok('tok-1'), ok('tok-2')]);
  const clock = { now: 0 };
  const p = provider(fn, clock);
  assert.is(await p.getAccessToken(), 'tok-1');
  clock.now = 109_999; // 10.001 s left
  assert.is(await p.getAccessToken(), 'tok-1');
  assert.is(calls.length, 1);
  clock.now = 110_000; // exactly 10 s left: refresh
  assert.is(await p.getAccessToken(), 'tok-2');
  assert.is(calls.length, 2);
});

test('the refresh margin is configurable and invalidate() forces a new token', async () => {
  const { fn, calls } = fakeFetch([ok('tok-1'), ok('tok-2'), ok('tok-3')]);
  const clock = { now: 0 };
  const p = new MaskinportenTokenProvider({
    tokenUrl: TOKEN_URL,
    audience: 'a',
    clientId: 'c',
    certificate: cert.certificate,
    privateKey: cert.privateKey,
    fetch: fn,
    clock: () => clock.now,
    refreshMarginMs: 60_000,
  });
  await p.getAccessToken();
  clock.now = 61_000;
  assert.is(await p.getAccessToken(), 'tok-2');
  p.invalidate();
  assert.is(await p.getAccessToken(), 'tok-3');
  assert.is(calls.length, 3);
});

test('concurrent callers share one in-flight request', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let count = 0;
  const fn = (async () => {
    count++;
    await gate;
    return ok(`tok-${count}`)();
  }) as unknown as typeof fetch;
  const p = provider(fn, { now: 0 });
  const all = Promise.all([p.getAccessToken(), p.getAccessToken(), p.getAccessToken()]);
  release();
  assert.equal(await all, ['tok-1', 'tok-1', 'tok-1']);
  assert.is(count, 1);
});

test('4xx → MASKINPORTEN_GRANT_REFUSED with the OAuth error, never the assertion; not retried', async () => {
  const { fn, calls } = fakeFetch([
    () => Response.json({ error: 'invalid_client', error_description: 'Unknown client' }, { status: 400 }),
  ]);
  const error = await provider(fn, { now: 0 })
    .getAccessToken()
    .catch((e: unknown) => e);
  assert.ok(isFiksError(error, 'MASKINPORTEN_GRANT_REFUSED'));
  assert.match(error.message, /invalid_client/);
  assert.match(error.message, /Unknown client/);
  assert.is(error.details?.['status'], 400);
  assert.is(error.details?.['error'], 'invalid_client');
  const assertion = calls[0]!.form.get('assertion')!;
  const serialised = JSON.stringify({ m: error.message, d: error.details, s: String(error) });
  assert.not.ok(serialised.includes(assertion.split('.')[2]!));
  assert.not.ok(serialised.includes(assertion.split('.')[1]!));
  assert.is(calls.length, 1);
});

test('5xx and network errors are retried with backoff, then succeed', async () => {
  const sleeps: number[] = [];
  const { fn, calls } = fakeFetch([
    () => new Response('busy', { status: 503 }),
    new TypeError('fetch failed'),
    ok('tok-after-retry'),
  ]);
  assert.is(await provider(fn, { now: 0 }, { sleeps }).getAccessToken(), 'tok-after-retry');
  assert.is(calls.length, 3);
  assert.equal(sleeps, [250, 500]);
});

test('5xx after every retry → MASKINPORTEN_UNAVAILABLE; the next call tries again', async () => {
  const { fn, calls } = fakeFetch([() => new Response('down', { status: 502 })]);
  const p = provider(fn, { now: 0 });
  const error = await p.getAccessToken().catch((e: unknown) => e);
  assert.ok(isFiksError(error, 'MASKINPORTEN_UNAVAILABLE'));
  assert.is(calls.length, 3);
  await p.getAccessToken().catch(() => undefined);
  assert.is(calls.length, 6);
});

test('a 200 without access_token → MASKINPORTEN_RESPONSE_INVALID', async () => {
  const { fn } = fakeFetch([() => Response.json({ token_type: 'Bearer' })]);
  const error = await provider(fn, { now: 0 })
    .getAccessToken()
    .catch((e: unknown) => e);
  assert.ok(isFiksError(error, 'MASKINPORTEN_RESPONSE_INVALID'));
});

test.run();
