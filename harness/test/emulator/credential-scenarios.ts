// The scenarios of credentials every emulator back end must pass: the Fiks IO API refuses bad
// tokens, passwords, accounts and senders, and /token refuses what Maskinporten refuses.
import { randomUUID } from 'node:crypto';
import { readCertificate, readPrivateKey } from '@fiks-faktura/sdk';
import { createJwtGrant, generateDevCertificate } from '@fiks-faktura/sdk/testing';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScenarioContext } from './emulator-scenarios.js';
import { expectCode, httpClient, TYPE } from './scenario-support.js';
import { requestToken } from './token-request.js';

/** Registers the credential scenarios on `test`; `track` closes a client after each test. */
export function credentialScenarios(
  test: Test<ScenarioContext>,
  track: <T extends { close(): Promise<void> }>(client: T) => T,
): void {
  test('credentials: bad token 401, wrong password 401, unknown account 404, foreign sender 403', async ({
    emulator,
  }) => {
    const a = emulator.account('Kommune A');
    const b = emulator.account('Fakturasystem B');
    const form = new FormData();
    form.append(
      'metadata',
      JSON.stringify({ avsenderKontoId: a.kontoId, mottakerKontoId: b.kontoId, meldingType: TYPE }),
    );
    const bad = await fetch(`${emulator.url}/fiks-io/api/v1/send`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer not-a-token',
        IntegrasjonId: a.integrasjonId,
        IntegrasjonPassord: a.integrasjonPassord,
      },
      body: form,
    });
    assert.is(bad.status, 401);
    const body = (await bad.json()) as Record<string, unknown>;
    assert.is(body['status'], 401);
    assert.is(body['path'], '/fiks-io/api/v1/send');
    for (const key of ['timestamp', 'error', 'errorId', 'originalPath', 'message', 'errorCode'])
      assert.ok(key in body, key);
    assert.not.ok(JSON.stringify(body).includes(a.integrasjonPassord), 'no password in the error body');

    const { client, connection } = await httpClient(emulator, 'Kommune A');
    track(client);
    await expectCode(client.send({ mottakerKontoId: randomUUID(), meldingType: TYPE }), 'SEND_NOT_FOUND');
    assert.is(await connection.http.client.getKonto(randomUUID()), null);
    await expectCode(
      connection.http.sender.send({
        avsenderKontoId: b.kontoId,
        mottakerKontoId: a.kontoId,
        meldingType: TYPE,
      }),
      'SEND_FORBIDDEN',
    );
    const token = await connection.http.tokenProvider.getAccessToken();
    const wrongPassword = await fetch(`${emulator.url}/fiks-io/katalog/api/v1/kontoer/${b.kontoId}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        IntegrasjonId: a.integrasjonId,
        IntegrasjonPassord: 'feil',
      },
    });
    assert.is(wrongPassword.status, 401);
    const invalidTtl = new FormData();
    invalidTtl.append(
      'metadata',
      JSON.stringify({ avsenderKontoId: a.kontoId, mottakerKontoId: b.kontoId, meldingType: TYPE, ttl: 10 }),
    );
    const rejected = await fetch(`${emulator.url}/fiks-io/api/v1/send`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        IntegrasjonId: a.integrasjonId,
        IntegrasjonPassord: a.integrasjonPassord,
      },
      body: invalidTtl,
    });
    assert.is(rejected.status, 400);
    assert.is(((await rejected.json()) as { errorCode: string }).errorCode, 'INVALID_METADATA');
  });

  test('/token refuses grants with the wrong audience, an unregistered certificate or scope', async ({
    emulator,
  }) => {
    const a = emulator.account('Kommune A');
    const privateKey = readPrivateKey(a.privateKeyPem!);
    const grant = async (claims: Partial<Parameters<typeof createJwtGrant>[0]>) => {
      const assertion = createJwtGrant({
        clientId: a.maskinportenClientId,
        audience: `${emulator.url}/`,
        scope: 'ks:fiks',
        certificate: a.certificate,
        privateKey,
        now: Date.now(),
        ...claims,
      });
      return requestToken(emulator.url, assertion);
    };
    const ok = await grant({});
    assert.is(ok.status, 200);
    assert.is(typeof ok.body['access_token'], 'string');
    assert.is(ok.body['expires_in'], 120);
    assert.is((await grant({ audience: 'https://maskinporten.no/' })).body['error'], 'invalid_grant');
    assert.is((await grant({ scope: 'ks:annet' })).status, 400);
    assert.is((await grant({ now: Date.now() - 300_000 })).status, 400, 'expired grant');
    const stranger = await generateDevCertificate({ commonName: 'Fremmed' });
    assert.is(
      (await grant({ certificate: stranger.certificate, privateKey: stranger.privateKey })).status,
      400,
    );
    assert.is(
      (
        await grant({
          certificate: readCertificate(emulator.account('Fakturasystem B').certificate.toString()),
        })
      ).status,
      400,
      'signature by another key than the x5c certificate',
    );
  });

  test('/token refuses a replayed jti and an iat ahead of the clock; a token works only for its own integration', async ({
    emulator,
  }) => {
    const a = emulator.account('Kommune A');
    const b = emulator.account('Fakturasystem B');
    const post = async (claims: Partial<Parameters<typeof createJwtGrant>[0]>) => {
      const assertion = createJwtGrant({
        clientId: a.maskinportenClientId,
        audience: `${emulator.url}/`,
        scope: 'ks:fiks',
        certificate: a.certificate,
        privateKey: readPrivateKey(a.privateKeyPem!),
        now: Date.now(),
        ...claims,
      });
      const response = await fetch(`${emulator.url}/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const jti = randomUUID();
    const first = await post({ jti });
    assert.is(first.status, 200);
    const replayed = await post({ jti });
    assert.is(replayed.status, 400, 'the same jti twice');
    assert.is(replayed.body['error'], 'invalid_grant');
    assert.match(String(replayed.body['error_description']), /already been used/);
    const ahead = await post({ now: Date.now() + 10 * 365 * 24 * 3600 * 1000 });
    assert.is(ahead.status, 400, 'iat ten years ahead');
    assert.is(ahead.body['error'], 'invalid_grant');
    assert.is((await post({ now: Date.now() + 60_000 })).status, 400, 'iat a minute ahead');
    assert.is((await post({ now: Date.now() + 3_000 })).status, 200, 'a few seconds of skew are allowed');

    const token = String(first.body['access_token']);
    const asB = await fetch(`${emulator.url}/fiks-io/katalog/api/v1/kontoer/${a.kontoId}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        IntegrasjonId: b.integrasjonId,
        IntegrasjonPassord: b.integrasjonPassord,
      },
    });
    assert.is(asB.status, 403, "A's token with B's integration");
    const body = (await asB.json()) as Record<string, unknown>;
    assert.is(body['errorCode'], 'FORBIDDEN');
    assert.is(body['status'], 403);
    const asA = await fetch(`${emulator.url}/fiks-io/katalog/api/v1/kontoer/${b.kontoId}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        IntegrasjonId: a.integrasjonId,
        IntegrasjonPassord: a.integrasjonPassord,
      },
    });
    assert.is(asA.status, 200, "A's token with A's integration");
  });
}
