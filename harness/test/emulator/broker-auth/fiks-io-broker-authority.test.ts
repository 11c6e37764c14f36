// What the emulator answers RabbitMQ's HTTP auth back end, without a broker: the Fiks IO login
// only, and read on the integration's own account queues only.
import { createPrivateKey } from 'node:crypto';
import { createJwtGrant, kontoQueueName } from '@fiks-faktura/sdk/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AccountRegistry } from '../../../src/emulator/account-registry.js';
import { setUpAccounts } from '../../../src/emulator/account-setup.js';
import { FiksIoBrokerAuthority } from '../../../src/emulator/broker-auth/fiks-io-broker-authority.js';
import { RequestAuthenticator } from '../../../src/emulator/request-authenticator.js';
import { TokenService } from '../../../src/emulator/token-service.js';

const AUDIENCE = 'http://127.0.0.1:1/';

test('login, vhost, queues: exactly what Fiks IO grants', async () => {
  const { accounts, clients } = await setUpAccounts({ accounts: [{ navn: 'A' }, { navn: 'B' }] });
  const registry = new AccountRegistry(accounts, clients);
  let now = Date.now();
  const tokens = new TokenService({
    registry,
    audience: () => AUDIENCE,
    tokenLifetimeSeconds: 60,
    clock: () => now,
  });
  const authority = new FiksIoBrokerAuthority(registry, new RequestAuthenticator(registry, tokens));
  const [a, b] = accounts as [(typeof accounts)[0], (typeof accounts)[0]];
  const tokenOf = (account: typeof a) =>
    tokens.grant(
      new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: createJwtGrant({
          clientId: account.maskinportenClientId,
          audience: AUDIENCE,
          scope: 'ks:fiks',
          certificate: account.certificate,
          privateKey: createPrivateKey(account.privateKeyPem!),
          now,
        }),
      }),
    ).access_token;
  const user = a.integrasjonId;
  const login = (username: string, password: string) =>
    authority.decide({ kind: 'user', username, password });
  const token = tokenOf(a);

  assert.ok(login(user, `${a.integrasjonPassord} ${token}`), 'the Fiks IO login');
  assert.ok(login(user.toUpperCase(), `${a.integrasjonPassord} ${token}`), 'the id in any case');
  assert.not.ok(login(user, `feil ${token}`), 'wrong password');
  assert.not.ok(login(user, a.integrasjonPassord), 'no token');
  assert.not.ok(login(user, `${a.integrasjonPassord} ${tokenOf(b)}`), 'another integration’s token');
  assert.not.ok(login(b.integrasjonId, `${a.integrasjonPassord} ${token}`), 'another integration’s id');
  now += 61_000;
  assert.not.ok(login(user, `${a.integrasjonPassord} ${token}`), 'expired token');

  assert.ok(authority.decide({ kind: 'vhost', username: user, vhost: '/' }));
  assert.not.ok(authority.decide({ kind: 'vhost', username: user, vhost: 'annen' }));
  assert.not.ok(authority.decide({ kind: 'vhost', username: 'ukjent', vhost: '/' }));

  const resource = (name: string, permission: string, kind = 'queue') =>
    authority.decide({ kind: 'resource', username: user, vhost: '/', resource: kind, name, permission });
  assert.ok(resource(kontoQueueName(a.kontoId), 'read'), 'consume and ack its own queue');
  assert.not.ok(resource(kontoQueueName(a.kontoId), 'configure'), 'no declare');
  assert.not.ok(resource(kontoQueueName(a.kontoId), 'write'), 'no publish');
  assert.not.ok(resource(kontoQueueName(b.kontoId), 'read'), 'no other account’s queue');
  assert.not.ok(resource('amq.default', 'write', 'exchange'), 'no exchange');
  assert.not.ok(
    authority.decide({
      kind: 'resource',
      username: user,
      vhost: 'annen',
      resource: 'queue',
      name: kontoQueueName(a.kontoId),
      permission: 'read',
    }),
    'only in the default virtual host',
  );
  assert.not.ok(
    authority.decide({
      kind: 'topic',
      username: user,
      vhost: '/',
      resource: 'topic',
      name: 'amq.topic',
      permission: 'read',
      routingKey: '#',
    }),
  );
  assert.equal(
    authority.usernames().sort(),
    [a.integrasjonId, b.integrasjonId].map((id) => id.toLowerCase()).sort(),
  );
});

test.run();
