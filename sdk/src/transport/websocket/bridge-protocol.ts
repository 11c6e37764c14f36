import { TransportError } from '../transport-error.js';

/**
 * The WebSocket bridge's JSON frames, one per text message. The client consumes the queue of the
 * account it authenticated as; the server delivers with base64 bodies and the client settles by
 * delivery tag, mirroring AMQP's basic.consume / deliver / ack / nack / cancel.
 */
export type ClientFrame =
  | { op: 'consume'; prefetch: number }
  | { op: 'ack'; deliveryTag: number }
  | { op: 'nack'; deliveryTag: number; requeue: boolean }
  | { op: 'cancel' };

/** Frames the bridge server sends. */
export type ServerFrame =
  | { op: 'consume-ok'; queue: string; consumerTag: string }
  | {
      op: 'deliver';
      deliveryTag: number;
      redelivered: boolean;
      queue: string;
      headers: Record<string, string>;
      expirationMs?: number;
      /** base64 */
      body: string;
    }
  | { op: 'cancel-ok' }
  | { op: 'error'; code: string; message: string };

/** Close code the server uses when the account's queue does not exist or was deleted. */
export const CLOSE_QUEUE_NOT_FOUND = 4404;
/** Close code the server uses after a frame it cannot understand. */
export const CLOSE_PROTOCOL_ERROR = 4400;

const isTag = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw protocolError('a frame is not JSON', cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw protocolError('a frame is not a JSON object');
  return value as Record<string, unknown>;
}

function protocolError(what: string, cause?: unknown): TransportError {
  return new TransportError('BRIDGE_PROTOCOL_ERROR', `WebSocket bridge protocol error: ${what}`, {
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Validates a frame from a client; throws `BRIDGE_PROTOCOL_ERROR`. */
export function parseClientFrame(text: string): ClientFrame {
  const f = parseObject(text);
  switch (f['op']) {
    case 'consume':
      if (Number.isSafeInteger(f['prefetch']) && (f['prefetch'] as number) >= 0)
        return { op: 'consume', prefetch: f['prefetch'] as number };
      break;
    case 'ack':
      if (isTag(f['deliveryTag'])) return { op: 'ack', deliveryTag: f['deliveryTag'] };
      break;
    case 'nack':
      if (isTag(f['deliveryTag']) && typeof f['requeue'] === 'boolean')
        return { op: 'nack', deliveryTag: f['deliveryTag'], requeue: f['requeue'] };
      break;
    case 'cancel':
      return { op: 'cancel' };
  }
  throw protocolError(`unexpected client frame ${JSON.stringify(f['op'] ?? null)}`);
}

/** Validates a frame from the server; throws `BRIDGE_PROTOCOL_ERROR`. */
export function parseServerFrame(text: string): ServerFrame {
  const f = parseObject(text);
  switch (f['op']) {
    case 'consume-ok':
      if (typeof f['queue'] === 'string' && typeof f['consumerTag'] === 'string')
        return { op: 'consume-ok', queue: f['queue'], consumerTag: f['consumerTag'] };
      break;
    case 'deliver': {
      const expiration = f['expirationMs'];
      if (
        isTag(f['deliveryTag']) &&
        typeof f['redelivered'] === 'boolean' &&
        typeof f['queue'] === 'string' &&
        isStringMap(f['headers']) &&
        typeof f['body'] === 'string' &&
        (expiration === undefined || Number.isSafeInteger(expiration))
      )
        return {
          op: 'deliver',
          deliveryTag: f['deliveryTag'],
          redelivered: f['redelivered'],
          queue: f['queue'],
          headers: f['headers'],
          body: f['body'],
          ...(expiration === undefined ? {} : { expirationMs: expiration as number }),
        };
      break;
    }
    case 'cancel-ok':
      return { op: 'cancel-ok' };
    case 'error':
      if (typeof f['code'] === 'string' && typeof f['message'] === 'string')
        return { op: 'error', code: f['code'], message: f['message'] };
      break;
  }
  throw protocolError(`unexpected server frame ${JSON.stringify(f['op'] ?? null)}`);
}
