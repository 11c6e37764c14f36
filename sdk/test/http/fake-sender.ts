// A FiksIoSender against the in-memory fake API, with counted tokens and recorded retry sleeps:
// the shared set-up of the sender tests.
import { Secret } from '../../src/config/secret.js';
import { FiksIoCredentials } from '../../src/http/fiks-io-credentials.js';
import { FiksIoSender } from '../../src/http/fiks-io-sender.js';
import type { AccessTokenProvider } from '../../src/maskinporten/access-token-provider.js';
import { type Answer, fakeApi, parseMultipart, type RecordedRequest } from './fake-api.js';

export const API = 'https://api.fiks.test.ks.no';
export const OWN = '11111111-1111-4111-8111-111111111111';
export const TO = '22222222-2222-4222-8222-222222222222';
export const INTEGRASJON = '33333333-3333-4333-8333-333333333333';
export const PASSORD = 'passord-med-mellomrom';
export const REPLY_TO = '44444444-4444-4444-8444-444444444444';

export class CountingTokens implements AccessTokenProvider {
  issued = 0;
  invalidated = 0;
  #current: string | undefined;
  async getAccessToken() {
    if (this.#current === undefined) this.#current = `token-${++this.issued}`;
    return this.#current;
  }
  invalidate() {
    this.invalidated++;
    this.#current = undefined;
  }
}

export function accepted(request: RecordedRequest): Response {
  const metadata = JSON.parse(
    parseMultipart(request.headers['content-type']!, request.body)
      .find((p) => p.name === 'metadata')!
      .body.toString(),
  );
  return Response.json(
    { meldingId: '55555555-5555-4555-8555-555555555555', dokumentlagerId: null, ...metadata },
    { status: 202 },
  );
}

export function sender(
  answers: Answer[],
  tokens: AccessTokenProvider = new CountingTokens(),
  sleeps: number[] = [],
) {
  const api = fakeApi(answers);
  let n = 0;
  const s = new FiksIoSender({
    apiUrl: API,
    kontoId: OWN,
    credentials: new FiksIoCredentials({
      integrasjonId: INTEGRASJON,
      integrasjonPassord: new Secret(` ${PASSORD} `),
      tokenProvider: tokens,
    }),
    fetch: api.fetch,
    retry: { maxRetries: 2, sleep: async (ms) => void sleeps.push(ms), random: () => 0 },
    randomUUID: () => `00000000-0000-4000-8000-00000000000${n++}`,
  });
  return { sender: s, requests: api.requests };
}

export const parts = (r: RecordedRequest) => parseMultipart(r.headers['content-type']!, r.body);
