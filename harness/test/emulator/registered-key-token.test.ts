// The emulator's /token accepts what Maskinporten accepts from a client registered with a key: a
// grant whose header has `kid` and no `x5c`, verified by the public key registered under that kid;
// the token it gives works on the Fiks IO API like any other.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MaskinportenTokenProvider } from '@fiks-faktura/sdk';
import { createJwtGrant, generateDevCertificate } from '@fiks-faktura/sdk/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setUpAccounts } from '../../src/emulator/account-setup.js';
import { readAccountsFile, writeAccountsFile } from '../../src/emulator/accounts-file.js';
import { startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';
import { requestToken } from './token-request.js';

const KID = 'nokkel-2026';
const registered = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const vendor = await generateDevCertificate({ commonName: 'Leverandør' });

const emulator = await startFiksIoEmulator({
  accounts: {
    accounts: [{ navn: 'Kommune A', maskinportenClientId: 'nokkel-klient' }, { navn: 'Fakturasystem B' }],
    maskinportenClients: [
      {
        clientId: 'nokkel-klient',
        certificate: vendor.certificatePem,
        keys: [
          { kid: KID, publicKey: registered.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
        ],
      },
    ],
  },
});

/** A kid-only grant of the registered client, signed by the registered key unless `claims` say otherwise. */
const grant = (claims: Partial<Parameters<typeof createJwtGrant>[0]>) =>
  createJwtGrant({
    clientId: 'nokkel-klient',
    audience: `${emulator.url}/`,
    scope: 'ks:fiks',
    privateKey: registered.privateKey,
    keyId: KID,
    now: Date.now(),
    ...claims,
  });

const token = (claims: Partial<Parameters<typeof createJwtGrant>[0]>) =>
  requestToken(emulator.url, grant(claims));

test('a kid-only grant signed by the registered key gets a token that the API accepts', async () => {
  const a = emulator.account('Kommune A');
  const provider = new MaskinportenTokenProvider({
    tokenUrl: `${emulator.url}/token`,
    audience: `${emulator.url}/`,
    clientId: 'nokkel-klient',
    keyId: KID,
    privateKey: registered.privateKey,
  });
  const accessToken = await provider.getAccessToken();
  const konto = await fetch(`${emulator.url}/fiks-io/katalog/api/v1/kontoer/${a.kontoId}`, {
    headers: {
      Authorization: `Bearer ${accessToken}`,
      IntegrasjonId: a.integrasjonId,
      IntegrasjonPassord: a.integrasjonPassord,
    },
  });
  assert.is(konto.status, 200);
});

test('refused: an unknown kid, another key under the kid, neither x5c nor kid, a kid of another client', async () => {
  const unknownKid = await token({ keyId: 'ukjent' });
  assert.is(unknownKid.status, 400);
  assert.is(unknownKid.body['error'], 'invalid_grant');
  assert.is((await token({ privateKey: stranger.privateKey })).status, 400, 'signed by another key');
  const [, payload, signature] = grant({}).split('.');
  const bare = await requestToken(
    emulator.url,
    `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${payload}.${signature}`,
  );
  assert.is(bare.status, 400, 'a header with neither x5c nor kid');
  assert.is(
    (await token({ clientId: emulator.account('Fakturasystem B').maskinportenClientId })).status,
    400,
  );
  assert.is((await token({})).status, 200);
});

test('an accounts file registers keys by kid, and a data folder keeps them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'registered-keys-'));
  try {
    await writeFile(join(dir, 'vendor.pem'), vendor.certificatePem);
    await writeFile(join(dir, 'key.pem'), registered.publicKey.export({ type: 'spki', format: 'pem' }));
    await writeFile(
      join(dir, 'accounts.json'),
      JSON.stringify({
        accounts: [{ navn: 'Kommune A', maskinportenClientId: 'nokkel-klient' }],
        maskinportenClients: [
          {
            clientId: 'nokkel-klient',
            certificate: 'vendor.pem',
            keys: [{ kid: KID, publicKey: 'key.pem' }],
          },
        ],
      }),
    );
    const { accounts, clients } = await setUpAccounts(await readAccountsFile(join(dir, 'accounts.json')));
    assert.ok(clients[0]!.keys?.get(KID)?.equals(registered.publicKey));
    const saved = join(dir, 'data');
    await writeAccountsFile(saved, accounts, clients);
    const again = await setUpAccounts(await readAccountsFile(join(saved, 'accounts.json')));
    assert.ok(again.clients[0]!.keys?.get(KID)?.equals(registered.publicKey));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.after(() => emulator.close());

test.run();
