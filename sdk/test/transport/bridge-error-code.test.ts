import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocketServer } from 'ws';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { WebSocketReceiver } from '../../src/transport/websocket/websocket-receiver.js';

/** A bridge that answers the first frame with an error frame carrying `code`. */
async function bridgeAnswering(code: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket) => {
    socket.once('message', () => socket.send(JSON.stringify({ op: 'error', code, message: 'refused' })));
  });
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

async function startError(code: string): Promise<unknown> {
  const bridge = await bridgeAnswering(code);
  const receiver = new WebSocketReceiver({
    url: bridge.url,
    kontoId: '3f6c2a0e-0000-4000-8000-000000000001',
    headers: async () => ({ Authorization: 'Bearer t' }),
    reconnect: { initialDelayMs: 30, maxDelayMs: 60 },
  });
  try {
    return await receiver
      .start(async () => undefined)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
  } finally {
    await receiver.close().catch(() => undefined);
    await bridge.close();
  }
}

test('a bridge error frame keeps a transport code the catalogue lists', async () => {
  const error = await startError('QUEUE_NOT_FOUND');
  assert.ok(isFiksError(error, 'QUEUE_NOT_FOUND'), String(error));
});

test('a bridge error frame with a code the catalogue does not list is a protocol error naming it', async () => {
  const error = await startError('ANYTHING_ELSE');
  assert.ok(isFiksError(error, 'BRIDGE_PROTOCOL_ERROR'), String(error));
  assert.is((error as { details?: Record<string, unknown> }).details?.['bridgeCode'], 'ANYTHING_ELSE');
});

test.run();
