import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateConfigFile } from '../../src/config/config-file.js';

const UUID = '0b3e5c9a-6a53-4b8e-9f4c-1d2e3f405162';

async function problemsOf(data: unknown): Promise<{ message: string; problems: { field: string }[] }> {
  try {
    await validateConfigFile(data);
  } catch (error) {
    const { code, message, details } = error as {
      code: string;
      message: string;
      details: { problems: { field: string }[] };
    };
    assert.is(code, 'CONFIG_INVALID');
    return { message, problems: details.problems };
  }
  throw new Error('the config file was accepted');
}

test('a config file with several mistakes reports every one of them, once, in one line', async () => {
  const { message, problems } = await problemsOf({
    environment: 'test',
    kontoId: 'nope',
    integrasjonId: UUID,
    integrasjonPassord: 'x',
    maskinporten: { clientId: 'c', certificate: 'cert.pem', privateKey: 'key.pem' },
    privateKeys: [],
    prefetch: 'ten',
    bogus: 1,
  });
  assert.equal(problems.map((p) => p.field).sort(), ['bogus', 'kontoId', 'prefetch', 'privateKeys']);
  assert.match(message, /^Invalid Fiks IO config file: 4 problems: /);
  assert.match(message, /kontoId must be a UUID/);
  assert.match(message, /bogus is not a known field/);
  assert.not.ok(message.includes('\n'));
});

test('one mistake keeps the one-problem wording; branch errors stay behind their explanation', async () => {
  const single = await problemsOf({
    environment: 'test',
    kontoId: UUID,
    integrasjonId: UUID,
    integrasjonPassord: 'x',
    maskinporten: { clientId: 'c', certificate: 'cert.pem', privateKey: 'key.pem' },
    privateKeys: [{ nope: 1 }],
  });
  assert.is(
    single.message,
    'Invalid Fiks IO config file: privateKeys[0] must be a PEM key path, {"path", password?} or {"pkcs12", password}',
  );
  assert.is(single.problems.length, 1);
});

test.run();
