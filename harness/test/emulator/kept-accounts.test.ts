// `fiks-io-emulator start --accounts FILE --data DIR`: a data folder keeping other accounts than the
// file describes is ACCOUNTS_CONFLICT naming both, never a silent choice; the same accounts start.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, runToEnd, startUntilReady } from '../../../scripts/test-support/child-processes.js';
import type { AccountsSpec } from '../../src/emulator/account-setup.js';
import type { EmulatorReadyLine } from '../../src/emulator/emulator-cli.js';
import { startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';
import { keptAccountsDifference } from '../../src/emulator/kept-accounts.js';

const test = suite<{ dir: string }>('fiks-io-emulator: --accounts against the accounts --data keeps');
const KONTO = '0b3e5c9a-6a53-4b8e-9f4c-1d2e3f405162';

test.before.each(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'emulator-kept-'));
});

test.after.each(async ({ dir }) => {
  await rm(dir, { recursive: true, force: true });
});

test('the file describes the kept accounts when every field it gives matches, in order', () => {
  const kept: AccountsSpec = {
    accounts: [
      { navn: 'A', kontoId: KONTO, organisasjonsnummer: '944117784' },
      { navn: 'B', kontoId: '11111111-1111-4111-8111-111111111111' },
    ],
    maskinportenClients: [{ clientId: 'leverandor', certificate: 'x' }],
  };
  assert.is(keptAccountsDifference({ accounts: [{ navn: 'A' }, { navn: 'B' }] }, kept), undefined);
  assert.is(
    keptAccountsDifference({ accounts: [{ navn: 'A', kontoId: KONTO }, { navn: 'B' }] }, kept),
    undefined,
  );
  assert.match(
    keptAccountsDifference({ accounts: [{ navn: 'A' }] }, kept)!,
    /1 account\(s\), the data folder 2/,
  );
  assert.match(
    keptAccountsDifference({ accounts: [{ navn: 'A' }, { navn: 'C' }] }, kept)!,
    /^accounts\[1\]\.navn differs \(file "C", kept "B"\)$/,
  );
  const password = keptAccountsDifference(
    { accounts: [{ navn: 'A', integrasjonPassord: 'hemmelig' }, { navn: 'B' }] },
    kept,
  )!;
  assert.is(password, 'accounts[0].integrasjonPassord differs', 'a password is never shown');
  assert.match(
    keptAccountsDifference(
      {
        accounts: [{ navn: 'A' }, { navn: 'B' }],
        maskinportenClients: [{ clientId: 'ny', certificate: 'y' }],
      },
      kept,
    )!,
    /"ny" is not among the kept ones/,
  );
});

test('start --accounts with a data folder keeping other accounts: ACCOUNTS_CONFLICT naming both', async ({
  dir,
}) => {
  const data = join(dir, 'data');
  const first = await startFiksIoEmulator({ dataDir: data, accounts: { accounts: [{ navn: 'Kommune A' }] } });
  await first.close();
  const other = join(dir, 'other.json');
  await writeFile(other, JSON.stringify({ accounts: [{ navn: 'Kommune B' }] }));
  const refused = await runToEnd(BIN.emulator, ['start', '--accounts', other, '--data', data], {
    timeoutMs: 60_000,
  });
  assert.is(refused.code, 1, refused.stderr);
  const lines = refused.stderr.trim().split('\n');
  assert.is(lines.length, 1, refused.stderr);
  assert.match(lines[0]!, /^fiks-io-emulator: ACCOUNTS_CONFLICT: /);
  for (const named of [`--accounts ${other}`, `--data ${data}`, 'accounts[0].navn'])
    assert.ok(lines[0]!.includes(named), `${lines[0]} names ${named}`);

  const same = join(dir, 'same.json');
  await writeFile(same, JSON.stringify({ accounts: [{ navn: 'Kommune A' }] }));
  const started = await startUntilReady<EmulatorReadyLine>(BIN.emulator, [
    'start',
    '--accounts',
    same,
    '--data',
    data,
    '--write-configs',
    join(dir, 'configs'),
  ]);
  try {
    assert.equal(
      started.ready.accounts.map((a) => [a.kontoId, a.name]),
      first.accounts.map((a) => [a.kontoId, a.navn]),
    );
  } finally {
    await started.stop();
  }
});

test.run();
