// streamingFetch over real sockets: it honours `signal` like fetch (before the request, during the
// upload and while the answer's body is read), and the requests it refuses before connecting
// count as certainly not reached.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMultipartBody } from '../../src/http/multipart-body.js';
import { streamingFetch } from '../../src/http/streaming-fetch.js';
import { certainlyNotReached } from '../../src/http/unreached-failure.js';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** The outcome of `promise`, or a failure naming `what` when it takes longer than 2 s. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not happen within 2 s`)), 2000).unref(),
    ),
  ]);
}

const settled = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );

/** An endless source that counts how often it is read. */
function endlessSource(): { source: Readable; reads: () => number } {
  let reads = 0;
  const source = new Readable({
    read() {
      reads++;
      this.push(Buffer.alloc(64 * 1024, 0x61));
    },
  });
  return { source, reads: () => reads };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('aborting mid-upload rejects with the reason, stops reading the source stream and closes the socket', async () => {
  let arrived!: (request: IncomingMessage) => void;
  const request = new Promise<IncomingMessage>((resolve) => (arrived = resolve));
  const server = createServer((incoming) => {
    incoming.pause();
    arrived(incoming);
  });
  const url = await listen(server);
  try {
    const { source, reads } = endlessSource();
    const body = createMultipartBody([
      { name: 'data', contentType: 'application/octet-stream', content: source },
    ]);
    const controller = new AbortController();
    const reply = settled(
      streamingFetch(url, { method: 'POST', body: body.stream, signal: controller.signal }),
    );
    const incoming = await within(request, 'the request arriving');
    const socketClosed = new Promise((resolve) => incoming.socket.once('close', resolve));
    while (reads() < 8) await pause(5);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    assert.is(await within(reply, 'the rejection'), reason);
    incoming.resume();
    await within(socketClosed, 'the server seeing the socket close');
    await pause(50);
    const readsAfterAbort = reads();
    await pause(100);
    assert.is(reads(), readsAfterAbort, 'the source is still being read');
    assert.ok(source.destroyed, 'the source stream is not destroyed');
  } finally {
    await close(server);
  }
});

test('aborting while the answer is read errors its body with the reason', async () => {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('first part');
  });
  const url = await listen(server);
  try {
    const controller = new AbortController();
    const response = await within(streamingFetch(url, { signal: controller.signal }), 'the answer');
    const reader = response.body!.getReader();
    assert.is(Buffer.from((await reader.read()).value!).toString(), 'first part');
    const reason = new Error('enough');
    controller.abort(reason);
    assert.is(await within(settled(reader.read()), 'the body failing'), reason);
  } finally {
    await close(server);
  }
});

test('an already aborted signal rejects with its reason before connecting, and cancels the body', async () => {
  let connections = 0;
  const server = createServer();
  server.on('connection', () => connections++);
  const url = await listen(server);
  try {
    const body = createMultipartBody([
      { name: 'data', contentType: 'application/octet-stream', content: endlessSource().source },
    ]);
    const reason = await within(
      settled(streamingFetch(url, { method: 'POST', body: body.stream, signal: AbortSignal.abort() })),
      'the rejection',
    );
    assert.instance(reason, DOMException);
    assert.is((reason as DOMException).name, 'AbortError');
    await pause(50);
    assert.is(connections, 0);
    assert.ok((await body.stream.getReader().read()).done, 'the body was not cancelled');
  } finally {
    await close(server);
  }
});

test('a protocol or body type it refuses before connecting is certainly not reached', async () => {
  const protocol = await settled(streamingFetch('ftp://127.0.0.1/file', { method: 'POST' }));
  assert.instance(protocol, TypeError);
  assert.ok(certainlyNotReached(protocol), String((protocol as Error).cause));
  const bodyType = await settled(
    streamingFetch('http://127.0.0.1:1/', { method: 'POST', body: new Blob(['x']) }),
  );
  assert.instance(bodyType, TypeError);
  assert.ok(certainlyNotReached(bodyType), String((bodyType as Error).cause));
});

test.run();
