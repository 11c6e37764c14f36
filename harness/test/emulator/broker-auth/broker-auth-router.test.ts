// Several emulators answer the broker's auth back end at one address: whoever holds it routes by
// user name to the emulator that registered it, and another takes over when it ends.
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AuthQuestion, BrokerAuthority } from '../../../src/emulator/broker-auth/auth-question.js';
import { joinBrokerAuth } from '../../../src/emulator/broker-auth/broker-auth-member.js';

/** An authority for one user with one password, allowed the vhost `/` and nothing else. */
function authorityFor(username: string, password: string): BrokerAuthority {
  return {
    usernames: () => [username],
    decide: (q: AuthQuestion) =>
      q.username.toLowerCase() === username &&
      (q.kind === 'user' ? q.password === password : q.kind === 'vhost' && q.vhost === '/'),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Asks the router as RabbitMQ does (POST, form body); the answer's text. */
async function ask(address: string, path: string, fields: Record<string, string>): Promise<string> {
  const response = await fetch(`http://${address}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return (await response.text()).trim();
}

const test = suite('broker auth router');

test('routes each user to its emulator, denies the unknown, and survives the end of the emulator that routes', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  const first = await joinBrokerAuth(authorityFor('integrasjon-1', 'passord-1 token'), address);
  const second = await joinBrokerAuth(authorityFor('integrasjon-2', 'passord-2 token'), address);
  try {
    assert.is(
      await ask(address, '/auth/user', { username: 'integrasjon-1', password: 'passord-1 token' }),
      'allow',
    );
    assert.is(
      await ask(address, '/auth/user', { username: 'INTEGRASJON-2', password: 'passord-2 token' }),
      'allow',
    );
    assert.is(
      await ask(address, '/auth/user', { username: 'integrasjon-2', password: 'passord-1 token' }),
      'deny',
    );
    assert.is(await ask(address, '/auth/user', { username: 'ukjent', password: 'x y' }), 'deny');
    assert.is(
      await ask(address, '/auth/vhost', { username: 'integrasjon-2', vhost: '/', ip: '127.0.0.1' }),
      'allow',
    );
    assert.is(
      await ask(address, '/auth/resource', {
        username: 'integrasjon-2',
        vhost: '/',
        resource: 'queue',
        name: 'x',
        permission: 'configure',
      }),
      'deny',
    );
    assert.is(await ask(address, '/auth/user', { username: 'integrasjon-1' }), 'deny', 'a field missing');
    const foreign = await fetch(`http://${address}/register`, {
      method: 'POST',
      body: JSON.stringify({ url: 'http://192.0.2.1:80', usernames: ['integrasjon-1'] }),
    });
    assert.is(foreign.status, 400, 'only loopback members may register');

    await first.close();
    let answer = '';
    for (const until = Date.now() + 6_000; Date.now() < until && answer !== 'allow'; ) {
      answer = await ask(address, '/auth/user', {
        username: 'integrasjon-2',
        password: 'passord-2 token',
      }).catch(() => 'unreachable');
      if (answer !== 'allow') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.is(answer, 'allow', 'the remaining emulator took the address over');
    assert.is(
      await ask(address, '/auth/user', { username: 'integrasjon-1', password: 'passord-1 token' }),
      'deny',
    );
  } finally {
    await first.close();
    await second.close();
  }
});

test('an address held by something else than a router: BROKER_AUTH_UNAVAILABLE', async () => {
  const port = await freePort();
  const squatter = createHttpServer((_request, response) => {
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
  try {
    await joinBrokerAuth(authorityFor('u', 'p t'), `127.0.0.1:${port}`).then(
      () => assert.unreachable('joined'),
      (error: { code?: string }) => assert.is(error.code, 'BROKER_AUTH_UNAVAILABLE'),
    );
  } finally {
    squatter.closeAllConnections();
    await new Promise((resolve) => squatter.close(resolve));
  }
});

test.run();
