// The SDK's second entry, `@fiks-faktura/sdk/testing`: what emulators and test suites are built
// from (an in-memory broker, the WebSocket bridge and its receiver, AMQP queues by account,
// development certificates) and what
// conformance checks judge other systems' messages with (CMS envelopes and detached signatures,
// Maskinporten grants).
// Applications need none of it; they use the main entry.

export { decryptEnvelope } from './crypto/cms-envelope-reader.js';
export { encryptEnvelope } from './crypto/cms-envelope-writer.js';
export { signDetached, verifyDetached } from './crypto/cms-signature.js';
export { generateDevCertificate } from './crypto/dev-certificate.js';
export { createJwtGrant, type JwtGrantClaims } from './maskinporten/jwt-grant.js';
export { AmqpReceiver, type AmqpReceiverOptions } from './transport/amqp/amqp-receiver.js';
export type {
  BrokerConsumer,
  BrokerDelivery,
  BrokerEvent,
  BrokerMessage,
  BrokerPublication,
  MemoryBrokerOptions,
  QueueStats,
} from './transport/memory/broker-messages.js';
export { MemoryBroker } from './transport/memory/memory-broker.js';
export { MemoryReceiver } from './transport/memory/memory-receiver.js';
export { kontoIdFromQueueName, kontoQueueName } from './transport/queue-name.js';
export {
  attachWebSocketBridge,
  type WebSocketBridge,
  type WebSocketBridgeOptions,
} from './transport/websocket/websocket-bridge.js';
export {
  WebSocketReceiver,
  type WebSocketReceiverOptions,
} from './transport/websocket/websocket-receiver.js';
