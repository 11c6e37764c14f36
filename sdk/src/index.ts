// The SDK's public entry point: what an application needs (create the client, seal and open, the
// typed requester and responder, the rules, the errors, the config). Emulators, test suites and
// command lines use `@fiks-faktura/sdk/testing` besides. Deeper modules stay internal; a test
// keeps this list of names from growing by accident.

export { AsiceError, type AsiceErrorCode } from './asice/asice-error.js';
// Keys, certificates, CMS, ASiC-E, sealed payloads
export type { AsiceContents, AsiceFile, ReadAsiceOptions } from './asice/asice-reader.js';
export type { AsiceFileInput } from './asice/asice-writer.js';
export { ClientError, type ClientErrorCode } from './client/client-error.js';
export {
  type ConfiguredFiksIoClient,
  createFiksIoClient,
  createFiksIoClientFromFile,
} from './client/create-fiks-io-client.js';
export { FiksIoClient, type MessageHandler, type OutgoingMessage } from './client/fiks-io-client.js';
export type { FiksIoConnection } from './client/fiks-io-connection.js';
export { SERVERFEIL, TIDSAVBRUDD } from './client/platform-message.js';
export { ReceivedMessage } from './client/received-message.js';
export { createRemoteConnection, type RemoteFiksIoConnection } from './client/remote-connection.js';
export { ConfigError, type ConfigErrorCode } from './config/config-error.js';
// Configuration and logging
export { loadConfigFile, validateConfigFile } from './config/config-file.js';
export { FIKS_IO_ENVIRONMENTS, type FiksIoEndpoints, type FiksIoEnvironment } from './config/environments.js';
export {
  type CertificateWithKey,
  type FiksIoConfig,
  type ReceiveEndpoint,
  type ResolvedFiksIoConfig,
  resolveFiksIoConfig,
} from './config/fiks-io-config.js';
export { createLogger } from './config/logger.js';
export { Secret } from './config/secret.js';
export type { Signer } from './crypto/cms-signature.js';
export { CryptoError, type CryptoErrorCode } from './crypto/crypto-error.js';
export {
  keyMatchesCertificate,
  readCertificate,
  readCertificates,
  readPkcs12,
  readPrivateKey,
} from './crypto/key-material.js';
export {
  ERROR_CATALOGUE,
  type ErrorClassName,
  type ErrorCodeOf,
  type SdkErrorCode,
} from './errors/error-catalogue.js';
export { FiksError, type FiksErrorOptions, isFiksError } from './errors/fiks-error.js';
// The invoice protocols: generated registry, schemas, typed requester and responder
export * from './generated/index.js';
export { createFiksIoHttp, type FiksIoHttp } from './http/create-fiks-io-http.js';
export { FiksHttpError, type FiksHttpErrorCode } from './http/fiks-http-error.js';
export { FiksIoHttpClient, type KeyCheckResult } from './http/fiks-io-http-client.js';
export { FiksIoSender, type SendRequest, type SendtMelding } from './http/fiks-io-sender.js';
export type { KatalogKonto, KontoStatus, OffentligNokkel } from './http/katalog-models.js';
export { SendError, type SendErrorCode } from './http/send-error.js';

// Fiks IO: Maskinporten, HTTP API, receiving, the client
export { MaskinportenError, type MaskinportenErrorCode } from './maskinporten/maskinporten-error.js';
export { MaskinportenTokenProvider } from './maskinporten/maskinporten-token-provider.js';
export { openPayload } from './payload/open.js';
export { sealPayload, sealPayloadToBuffer } from './payload/seal.js';
export { type FeilmeldingPayload, feilmeldingPayload } from './protocol/feilmelding-payload.js';
export {
  type IdempotencyKey,
  type IdempotencyStore,
  MemoryIdempotencyStore,
  type StoredAnswer,
} from './protocol/idempotency-store.js';
export { ProtocolCatalog } from './protocol/protocol-catalog.js';
export { ProtocolError, type ProtocolErrorCode } from './protocol/protocol-error.js';
export { ProtocolRequester, type RequestOptions } from './protocol/protocol-requester.js';
export { ProtocolResponder, type ResponderEvent } from './protocol/protocol-responder.js';
export type {
  ProtocolAnswer,
  ProtocolReply,
  ProtocolRequest,
  RequestHandler,
} from './protocol/protocol-types.js';
export {
  createAjv,
  loadProtocolSpecs,
  PayloadValidator,
  ProtocolSpecError,
  type ProtocolSpecErrorCode,
} from './protocol-spec/index.js';
// Normative rules (pure functions)
export * from './rules/calendar-date.js';
export * from './rules/foedselsnummer.js';
export * from './rules/instalment-plan.js';
export * from './rules/kid.js';
export * from './rules/kontonummer.js';
export * from './rules/money.js';
export * from './rules/norwegian-holidays.js';
export * from './rules/organisasjonsnummer.js';
export type {
  Delivery,
  DeliveryHandler,
  MessageReceiver,
  ReceiverErrorListener,
  ReceiverHealth,
} from './transport/message-receiver.js';
export { TransportError, type TransportErrorCode } from './transport/transport-error.js';
// JSON pointers (RFC 6901): built from and split into segments, as `$ref` fragments, the value
// they point at; describing what fails a schema: the field a JSON pointer names, the value found there
export { ajvErrorField } from './validation/ajv-error-field.js';
export { describeFoundValue } from './validation/found-value.js';
export {
  dottedFieldPath,
  escapePointerSegment,
  fragmentPointerSegments,
  pointerFromSegments,
  pointerSegments,
  readableFieldPath,
  valueAtFragmentPointer,
  valueAtPointer,
} from './validation/json-pointer.js';
