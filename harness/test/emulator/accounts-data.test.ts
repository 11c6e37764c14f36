// Accounts files (accounts.schema.json) and accounts kept in the data folder across restarts.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createFiksIoClientFromFile, isFiksError } from '@fiks-faktura/sdk';
import { generateDevCertificate } from '@fiks-faktura/sdk/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, startUntilReady } from '../../../scripts/test-support/child-processes.js';
import { accountsFileProblems, readAccountsFile } from '../../src/emulator/accounts-file.js';
import type { EmulatorReadyLine } from '../../src/emulator/emulator-cli.js';
import { startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';
import { TYPE } from './scenario-support.js';
import { sendHeaders, streamedSend } from './streamed-send.js';

const test = suite<{ dir: string }>('Fiks IO emulator: accounts files and the data folder');
const example = join(import.meta.dirname, '../../src/emulator/accounts.example.json');

test.before.each(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'emulator-accounts-'));
});

test.after.each(async ({ dir }) => {
  await rm(dir, { recursive: true, force: true });
});

test('the example accounts file matches the schema and starts an emulator', async ({ dir }) => {
  assert.equal(accountsFileProblems(JSON.parse(await readFile(example, 'utf8'))), []);
  const emulator = await startFiksIoEmulator({ accounts: await readAccountsFile(example), dataDir: dir });
  try {
    assert.is(emulator.account('Fakturasystem (tjener)').kontoId, '0b3e5c9a-6a53-4b8e-9f4c-1d2e3f405162');
  } finally {
    await emulator.close();
  }
});

test('an invalid accounts file is ACCOUNTS_INVALID naming every faulty field', async ({ dir }) => {
  const path = join(dir, 'accounts.json');
  await writeFile(
    path,
    JSON.stringify({
      accounts: [
        { navn: 'A', kontoId: 'not-a-uuid' },
        { organisasjonsnummer: '12', privateKey: 'key.pem', farge: 'blå' },
      ],
    }),
  );
  try {
    await readAccountsFile(path);
    assert.unreachable('the file is invalid');
  } catch (error) {
    assert.ok(isFiksError<string>(error, 'ACCOUNTS_INVALID'), String(error));
    const message = (error as Error).message;
    assert.ok(message.includes(path), message);
    for (const problem of [
      'accounts[0].kontoId must be a UUID',
      'accounts[1].navn is required',
      'accounts[1].organisasjonsnummer must be nine digits',
      'accounts[1].certificate is required',
      'accounts[1].farge is not a known field',
    ])
      assert.ok(message.includes(problem), `${problem} in: ${message}`);
  }
});

test('with a data folder a restarted emulator keeps its accounts: a client of the old config still sends', async ({
  dir,
}) => {
  const dataDir = join(dir, 'data');
  const vendor = await generateDevCertificate({ commonName: 'Leverandør AS' });
  await writeFile(join(dir, 'vendor.pem'), vendor.certificatePem);
  const first = await startFiksIoEmulator({
    dataDir,
    writeConfigs: join(dir, 'configs-1'),
    accounts: {
      accounts: [{ navn: 'Kommune A' }, { navn: 'Fakturasystem B' }],
      maskinportenClients: [{ clientId: 'leverandor-as', certificate: vendor.certificatePem }],
    },
  });
  const before = first.accounts.map((a) => ({ ...a, certificate: a.certificate.toString() }));
  const configA = JSON.parse(await readFile(first.configs.get(before[0]!.kontoId)!, 'utf8'));
  await first.close();

  // Restarted without an accounts spec: the data folder's accounts come back, the spec is not needed.
  const second = await startFiksIoEmulator({ dataDir, writeConfigs: join(dir, 'configs-2') });
  try {
    const after = second.accounts.map((a) => ({ ...a, certificate: a.certificate.toString() }));
    assert.equal(after, before);
    const saved = await readAccountsFile(join(dataDir, 'accounts.json'));
    assert.ok(saved.maskinportenClients?.some((c) => c.clientId === 'leverandor-as'));

    // The old config, pointed at the new address (the port changed), works as it is.
    const moved = {
      ...configA,
      endpoints: {
        api: second.url,
        maskinportenToken: `${second.url}/token`,
        maskinportenAudience: `${second.url}/`,
      },
    };
    const movedPath = join(dir, 'configs-1', 'moved.json');
    await writeFile(movedPath, JSON.stringify(moved));
    const { client } = await createFiksIoClientFromFile(movedPath);
    try {
      const sent = await client.send({ mottakerKontoId: before[1]!.kontoId, meldingType: TYPE });
      assert.is(sent.mottakerKontoId, before[1]!.kontoId);
    } finally {
      await client.close();
    }
  } finally {
    await second.close();
  }
});

test('a key upload is kept across a restart', async ({ dir }) => {
  const dataDir = join(dir, 'data');
  const first = await startFiksIoEmulator({ dataDir, accounts: { accounts: [{ navn: 'Kommune A' }] } });
  const kontoId = first.accounts[0]!.kontoId;
  const replacement = await generateDevCertificate({ commonName: 'Ny nøkkel' });
  const { client, connection } = await createFiksIoClientFromFile(
    (await first.writeConfigs(join(dir, 'configs'))).get(kontoId)!,
  );
  try {
    await connection.http.client.uploadOffentligNokkel(kontoId, replacement.certificatePem);
  } finally {
    await client.close();
  }
  await first.close();
  const second = await startFiksIoEmulator({ dataDir });
  try {
    assert.is(
      second.account(kontoId).certificate.fingerprint256,
      new X509Certificate(replacement.certificatePem).fingerprint256,
    );
  } finally {
    await second.close();
  }
});

test('fiks-io-emulator start --data: the same accounts after a restart; --data-quota refuses with 507', async ({
  dir,
}) => {
  const data = join(dir, 'data');
  const start = (configs: string, extra: string[] = []) =>
    startUntilReady<EmulatorReadyLine>(BIN.emulator, [
      'start',
      '--data',
      data,
      '--write-configs',
      join(dir, configs),
      ...extra,
    ]);
  const credentials = async (ready: EmulatorReadyLine) =>
    Promise.all(
      ready.accounts.map(async (account) => {
        const config = JSON.parse(await readFile(account.config!, 'utf8'));
        const key = await readFile(join(dirname(account.config!), config.maskinporten.privateKey), 'utf8');
        return [
          account.kontoId,
          config.integrasjonId,
          config.integrasjonPassord,
          config.maskinporten.clientId,
          key,
        ];
      }),
    );
  const first = await start('configs-1');
  const before = await credentials(first.ready);
  await first.stop();
  const second = await start('configs-2', ['--data-quota', '1000']);
  try {
    assert.equal(await credentials(second.ready), before);
    const [a, b] = second.ready.accounts;
    const refused = await streamedSend(
      second.ready.url,
      await sendHeaders(a!.config!),
      { avsenderKontoId: a!.kontoId, mottakerKontoId: b!.kontoId, meldingType: TYPE },
      4000,
    );
    assert.is(refused.status, 507);
  } finally {
    await second.stop();
  }
});

test.run();
