import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../src/config/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.secret-token-body.sig';
const PASSWORD = 'integrasjon-passord-xyz';

test('bearer tokens and passwords in headers and fields are redacted', () => {
  const { lines, destination } = capture();
  const log = createLogger({ destination, level: 'debug' });
  log.info(
    { headers: { Authorization: `Bearer ${TOKEN}`, IntegrasjonPassord: PASSWORD, IntegrasjonId: 'id-1' } },
    'send',
  );
  log.info({ request: { headers: { authorization: `Bearer ${TOKEN}` } } }, 'req');
  log.info(
    { config: { integrasjonPassord: PASSWORD, password: PASSWORD }, access_token: TOKEN, assertion: TOKEN },
    'cfg',
  );
  log.debug({ token: TOKEN, maskinporten: { accessToken: TOKEN } }, 'token');
  const out = lines.join('');
  assert.is(lines.length, 4);
  assert.not.ok(out.includes(TOKEN), out);
  assert.not.ok(out.includes(PASSWORD), out);
  assert.ok(out.includes('[redacted]'));
  assert.ok(out.includes('id-1'), 'non-secret fields stay');
  assert.is(JSON.parse(lines[0]!).headers.Authorization, '[redacted]');
});

test('log level and name are honoured', () => {
  const { lines, destination } = capture();
  const log = createLogger({ destination, level: 'warn', name: 'sender' });
  log.info('hidden');
  log.warn('shown');
  assert.is(lines.length, 1);
  assert.is(JSON.parse(lines[0]!).name, 'sender');
});

test.run();
