/**
 * Every code the SDK throws, by the error class that carries it, each with what it means. Each
 * class types its `code` from this table, `isFiksError(value, code)` accepts only these codes,
 * and a test compares the table with the throw sites in both directions and with the SDK README.
 */
export const ERROR_CATALOGUE = {
  AsiceError: {
    ASICE_MALFORMED:
      'the container cannot be read as an ASiC-E (entry sizes, offsets or the archive structure)',
    ZIP_MALFORMED: 'the bytes are not a readable zip archive',
    ZIP_UNSUPPORTED: 'an entry uses a compression method other than stored or deflate',
    ENTRY_ENCRYPTED: 'an entry is zip-encrypted',
    MIMETYPE_INVALID: 'the mimetype entry is not first or does not name ASiC-E',
    MANIFEST_MISSING: 'the container has no META-INF/manifest.xml',
    MANIFEST_MALFORMED: 'the manifest is not the XML the format requires',
    ENTRY_NOT_IN_MANIFEST: 'a data entry is not listed in the manifest',
    MANIFEST_ENTRY_MISSING: 'the manifest lists an entry the container lacks',
    DIGEST_MISMATCH: "an entry's digest differs from the manifest's",
    UNSAFE_ENTRY_NAME: 'an entry name could leave the output folder or is not portable',
    DUPLICATE_ENTRY: 'two entries share a name',
    UNEXPECTED_META_INF_ENTRY: 'META-INF holds an entry the format does not allow',
    LIMIT_EXCEEDED: 'entries, sizes or the compression ratio exceed the configured limits',
    SIGNATURE_MISSING: 'the container is not signed although a signature is required',
    INPUT_UNREADABLE: 'a payload file to be sealed cannot be read',
    INPUT_CHANGED: 'a payload file changed while it was being sealed',
    OUTPUT_FAILED: 'a payload file cannot be written to the output folder',
  },
  BerDecodeError: {
    BER_INVALID: 'the DER/BER bytes are invalid (internal; surfaces as a CryptoError)',
    BER_TRUNCATED: 'the DER/BER bytes end early (internal; the streaming reader waits for more)',
  },
  ClientError: {
    PAYLOAD_ABSENT: 'the received message has no payload to open',
    CLIENT_CLOSED: 'the Fiks IO client was closed',
  },
  ConfigError: {
    CONFIG_INVALID: 'a configuration field is missing, malformed or not allowed (the message names it)',
    CONFIG_FILE_UNREADABLE: 'the config file or a file it points to cannot be read',
    CONFIG_KEY_INVALID: 'a key or certificate file named by the config cannot be parsed',
  },
  CryptoError: {
    KEY_INVALID: 'a private key cannot be parsed or is not RSA',
    CERTIFICATE_INVALID: 'a certificate cannot be parsed',
    PKCS12_INVALID: 'a PKCS#12 file cannot be parsed or lacks a key and certificate',
    PKCS12_PASSWORD_WRONG: 'the PKCS#12 password is wrong',
    ENVELOPE_MALFORMED: 'the CMS envelope is not well-formed',
    UNSUPPORTED_ALGORITHM: 'the envelope or signature uses an algorithm the SDK does not accept',
    NO_MATCHING_KEY: 'no recipient of the envelope matches the key',
    DECRYPTION_FAILED: 'the content key or the content does not decrypt',
    PAYLOAD_TOO_LARGE: 'the decrypted content exceeds the configured limit',
    PLAINTEXT_LENGTH_MISMATCH: 'the sealed content differs in length from the length announced',
    SIGNATURE_MALFORMED: 'the CMS signature is not well-formed',
    SIGNATURE_INVALID: 'the signature does not verify',
    MESSAGE_DIGEST_MISMATCH: "the signed message digest differs from the content's",
    SIGNER_NOT_TRUSTED: 'the signing certificate is not among the trusted ones',
  },
  FiksError: {
    USAGE: 'a command line is used wrongly (the message names the flag)',
    FILE_UNREADABLE: 'a file a command needs cannot be read',
    KEY_CERT_MISMATCH: 'the private key does not belong to the certificate',
    KEY_EXISTS: 'keygen would replace an existing key without --force',
    KONTO_NOT_FOUND: 'the catalogue knows no such account',
    OUTPUT_UNWRITABLE: 'an output path of a command cannot be written',
    PAYLOAD_NOT_JSON: 'a payload a command reads is not JSON',
    INTERNAL_ERROR: 'an unexpected failure (a defect; please report it)',
    FILE_NOT_FOUND: 'a file or folder does not exist (ENOENT, ENOTDIR)',
    PERMISSION_DENIED: 'the operating system refused access (EACCES, EPERM, EROFS)',
    FILE_EXISTS: 'a file that must be new exists (EEXIST)',
    DISK_FULL: 'no space left on the device (ENOSPC)',
    PORT_IN_USE: 'the port to listen on is taken (EADDRINUSE)',
    ADDRESS_NOT_AVAILABLE: 'the address to listen on is not on this machine (EADDRNOTAVAIL)',
    CONNECTION_REFUSED: 'nothing listens at the address (ECONNREFUSED)',
    HOST_NOT_FOUND: 'the host name does not resolve (ENOTFOUND)',
    CONNECTION_TIMEOUT: 'the connection timed out (ETIMEDOUT)',
  },
  FiksHttpError: {
    HTTP_UNAUTHORIZED: 'Fiks IO answered 401: token or integration credentials refused',
    HTTP_FORBIDDEN: 'Fiks IO answered 403: the integration may not use the account',
    HTTP_UNEXPECTED_STATUS: 'Fiks IO answered a status the call does not expect',
    HTTP_NETWORK_ERROR: 'the request did not get an answer (network failure)',
    HTTP_RESPONSE_INVALID: 'the answer body is not what the API documents',
    PUBLIC_KEY_NOT_FOUND: 'the account has no published public key',
    PUBLIC_KEY_INVALID: "the account's published public key cannot be parsed",
    DOKUMENTLAGER_NOT_FOUND: 'dokumentlager has no such file',
    DOKUMENTLAGER_EMPTY: 'dokumentlager returned an empty body',
  },
  InvalidCalendarDateError: {
    INVALID_CALENDAR_DATE: "a string is not a real 'YYYY-MM-DD' date, or arithmetic leaves years 0001..9999",
  },
  InvalidDigitsError: {
    INVALID_DIGITS: 'a check-digit function is given something other than the digits it needs',
  },
  InvalidRuleArgumentError: {
    INVALID_RULE_ARGUMENT: 'a rule function is called with an argument outside its domain',
  },
  MaskinportenError: {
    MASKINPORTEN_GRANT_REFUSED:
      'the token endpoint answered 4xx (details hold the OAuth error, never the assertion)',
    MASKINPORTEN_UNAVAILABLE: 'network error or 5xx after the retries',
    MASKINPORTEN_RESPONSE_INVALID: 'a 2xx answer without a usable access_token or expires_in',
    MASKINPORTEN_KEY_ID_MISSING: 'a client without a certificate and without the kid of its key',
  },
  ProtocolError: {
    DEADLINE_EXCEEDED: 'no answer arrived before the deadline',
    SCHEMA_INVALID: 'a payload does not match its message type schema',
    REPLY_TYPE_NOT_ALLOWED: 'a handler returned a reply type the protocol does not allow for the request',
    PAYLOAD_FILE_MISSING: 'the container lacks the payload file the message type needs',
    PAYLOAD_NOT_JSON: 'the payload file is not JSON',
    MESSAGE_TYPE_UNKNOWN: 'the message type is not in the protocol registry',
    NOT_A_REQUEST: 'the message type is not a request of any protocol',
    MESSAGE_NOT_ANSWERABLE: 'a received request cannot be answered (reported to onError)',
    REQUESTER_NOT_STARTED: 'request() was called before start()',
    SIGNATURE_MISSING: 'the received container is not signed',
    SIGNER_UNKNOWN: "the container is signed by neither the sender's published certificate nor a trusted one",
    PLATFORM_TIMEOUT: "Fiks IO's tidsavbrudd: the request expired unread",
    PLATFORM_DELIVERY_FAILED: "Fiks IO's serverfeil: delivered three times without an ack",
  },
  ProtocolSpecError: {
    PROTOCOL_SPEC_NOT_FOUND: 'the protocol specification folder cannot be found',
    PROTOCOL_SPEC_INVALID: 'a protocol specification file cannot be read or used',
    SCHEMA_COMPILE_FAILED: 'a schema does not compile, or the message type has no payload to validate',
    MESSAGE_TYPE_UNKNOWN: 'the message type is not in the specification',
  },
  SendError: {
    SEND_UNAUTHORIZED: 'send answered 401',
    SEND_FORBIDDEN: 'send answered 403',
    SEND_NOT_FOUND: 'send answered 404',
    SEND_REJECTED: 'send answered another 4xx',
    SEND_SERVER_ERROR: 'send answered 5xx',
    SEND_UNEXPECTED_STATUS: 'send answered anything else than 202 (for example 200)',
    SEND_NETWORK_ERROR: 'the send request did not get an answer',
    SEND_RESPONSE_INVALID: 'send answered 202 with an unreadable body',
    SEND_REQUEST_INVALID: 'the message to send is invalid (checked before any request)',
    HEADER_CONFLICT: 'a custom header collides with one the SDK sets (checked before any request)',
  },
  TransportError: {
    HEADER_MISSING: 'a delivery lacks a required Fiks IO header',
    DELIVERY_ALREADY_SETTLED: 'a delivery was acknowledged or rejected twice',
    HANDLER_FAILED: 'the message handler threw (the message is requeued when unsettled)',
    RECEIVER_ALREADY_STARTED: 'start() was called on a running receiver',
    RECEIVER_CLOSED: 'the receiver was closed',
    CONNECTION_FAILED: 'the broker or bridge connection cannot be opened',
    CONNECTION_LOST: 'the broker or bridge connection dropped',
    QUEUE_NOT_FOUND: "the account's queue does not exist",
    UNKNOWN_DELIVERY_TAG: 'a settlement names a delivery the broker does not know',
    CONSUMER_CLOSED: 'a settlement arrives after its consumer was closed',
    BRIDGE_PROTOCOL_ERROR: 'the WebSocket bridge sent a frame that breaks its protocol',
    BRIDGE_UNAUTHORIZED: 'the WebSocket bridge refused the credentials',
  },
} as const satisfies Record<string, Record<string, string>>;

/** The name of an error class in the catalogue. */
export type ErrorClassName = keyof typeof ERROR_CATALOGUE;

/** The codes one error class carries. */
export type ErrorCodeOf<Class extends ErrorClassName> = keyof (typeof ERROR_CATALOGUE)[Class] & string;

/** Every code the SDK throws. */
export type SdkErrorCode = { [Class in ErrorClassName]: ErrorCodeOf<Class> }[ErrorClassName];

/** True when `code` is one of the codes the catalogue lists for `errorClass` (for codes read from the wire). */
export function isCataloguedCode<Class extends ErrorClassName>(
  errorClass: Class,
  code: string,
): code is ErrorCodeOf<Class> {
  return Object.hasOwn(ERROR_CATALOGUE[errorClass], code);
}
