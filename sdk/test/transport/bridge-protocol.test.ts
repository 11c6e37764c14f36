import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import {
  parseClientFrame,
  parseServerFrame,
  type ServerFrame,
} from '../../src/transport/websocket/bridge-protocol.js';

const test = suite('bridge protocol');
const isProtocolError = (e: unknown) => isFiksError(e, 'BRIDGE_PROTOCOL_ERROR');

test('client frames: valid ones parse, malformed ones are BRIDGE_PROTOCOL_ERROR', () => {
  assert.equal(parseClientFrame('{"op":"consume","prefetch":2}'), { op: 'consume', prefetch: 2 });
  assert.equal(parseClientFrame('{"op":"nack","deliveryTag":3,"requeue":true}'), {
    op: 'nack',
    deliveryTag: 3,
    requeue: true,
  });
  for (const bad of [
    '',
    'null',
    '[]',
    '{"op":"ack"}',
    '{"op":"ack","deliveryTag":0}',
    '{"op":"ack","deliveryTag":1.5}',
    '{"op":"nack","deliveryTag":1}',
    '{"op":"consume","prefetch":-1}',
    '{"op":"publish"}',
  ])
    assert.throws(() => parseClientFrame(bad), isProtocolError, bad);
});

test('property: deliver frames survive a JSON round trip, bodies byte for byte', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 2 ** 40 }),
      fc.boolean(),
      fc.dictionary(fc.string(), fc.string(), { noNullPrototype: true }),
      fc.uint8Array(),
      fc.option(fc.nat(), { nil: undefined }),
      (deliveryTag, redelivered, headers, body, expirationMs) => {
        const frame: ServerFrame = {
          op: 'deliver',
          deliveryTag,
          redelivered,
          queue: 'fiksio.konto.x',
          headers,
          body: Buffer.from(body).toString('base64'),
          ...(expirationMs === undefined ? {} : { expirationMs }),
        };
        const parsed = parseServerFrame(JSON.stringify(frame));
        assert.equal(parsed, frame);
        assert.equal([...Buffer.from((parsed as { body: string }).body, 'base64')], [...body]);
      },
    ),
  );
});

test('server frames with wrong types are refused', () => {
  for (const bad of [
    '{"op":"deliver","deliveryTag":1,"redelivered":false,"queue":"q","headers":{"a":1},"body":""}',
    '{"op":"deliver","deliveryTag":1,"redelivered":"no","queue":"q","headers":{},"body":""}',
    '{"op":"error","code":1,"message":"m"}',
    '{"op":"consume-ok"}',
  ])
    assert.throws(() => parseServerFrame(bad), isProtocolError, bad);
});

test.run();
