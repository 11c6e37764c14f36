import type { KeyObject, X509Certificate } from 'node:crypto';
import { keyMatchesCertificate } from '../crypto/key-material.js';
import { ConfigError } from './config-error.js';
import { FIKS_IO_ENVIRONMENTS, type FiksIoEndpoints, type FiksIoEnvironment } from './environments.js';
import { Secret } from './secret.js';

/** A certificate with its private key (an enterprise certificate, a signing certificate). */
export interface CertificateWithKey {
  certificate: X509Certificate;
  privateKey: KeyObject;
  /** Intermediate certificates, when the keystore had them. */
  chain?: X509Certificate[];
}

/** Where received messages come from: KS's or a local RabbitMQ, or the emulator's WebSocket bridge. */
export interface ReceiveEndpoint {
  type: 'amqp' | 'websocket';
  url: string;
}

/**
 * Maskinporten client settings: the client id (`iss`) and either the enterprise certificate with
 * its key (`kid` optional), or, for a client registered with a key, the key and its `kid` alone.
 */
export interface MaskinportenSettings {
  clientId: string;
  /** Required without a certificate: the id Maskinporten knows the registered key by. */
  keyId?: string;
  /** Absent for a client registered with a key; then `signing` must be given. */
  certificate?: X509Certificate;
  privateKey: KeyObject;
  chain?: X509Certificate[];
}

/**
 * A Fiks IO client configuration as written in code (key material already parsed; see
 * `loadConfigFile` for the JSON file form). `resolveFiksIoConfig` checks it and fills the defaults.
 */
export interface FiksIoConfig {
  environment: FiksIoEnvironment;
  /** Required for `custom`; not allowed for `prod`/`test`. `amqp` may be left out when `receive` is given. */
  endpoints?: Partial<FiksIoEndpoints>;
  kontoId: string;
  integrasjonId: string;
  integrasjonPassord: Secret | string;
  maskinporten: MaskinportenSettings;
  /** The account's private keys for decryption, newest first (several during key rotation). */
  privateKeys: KeyObject[];
  /** ASiC-E signing certificate and key; defaults to the Maskinporten enterprise certificate (required without one). */
  signing?: CertificateWithKey;
  /** Signers of received requests known beside each sending account's catalog certificate. */
  trustedSigners?: X509Certificate[];
  /** AMQP prefetch (QoS); default 10. */
  prefetch?: number;
  /** Client-provided connection name; default `Fiks IO klient (TypeScript)`. */
  applicationName?: string;
  /** Default: AMQP at the environment's broker. */
  receive?: ReceiveEndpoint;
}

/** The HTTP-side endpoints; the broker URL lives in `receive`. */
export type HttpEndpoints = Omit<FiksIoEndpoints, 'amqp'>;

/** A checked configuration with every default filled in. */
export interface ResolvedFiksIoConfig {
  environment: FiksIoEnvironment;
  endpoints: HttpEndpoints;
  kontoId: string;
  integrasjonId: string;
  integrasjonPassord: Secret;
  maskinporten: MaskinportenSettings;
  privateKeys: KeyObject[];
  signing: CertificateWithKey;
  trustedSigners: X509Certificate[];
  prefetch: number;
  applicationName: string;
  receive: ReceiveEndpoint;
}

export const DEFAULT_PREFETCH = 10;
export const DEFAULT_APPLICATION_NAME = 'Fiks IO klient (TypeScript)';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(field: string, problem: string): ConfigError {
  return new ConfigError('CONFIG_INVALID', `Invalid Fiks IO configuration: ${field} ${problem}`, {
    details: { field },
  });
}

function uuid(field: string, value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw invalid(field, 'must be a UUID such as 0b3e5c9a-6a53-4b8e-9f4c-1d2e3f405162');
  return value.toLowerCase();
}

function url(field: string, value: unknown, schemes: readonly string[]): string {
  if (typeof value !== 'string') throw invalid(field, 'is missing');
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalid(field, `must be an absolute URL (${schemes.join(', ')})`);
  }
  if (!schemes.includes(parsed.protocol.slice(0, -1)))
    throw invalid(field, `must use ${schemes.join(' or ')}, not ${parsed.protocol.slice(0, -1)}`);
  return value;
}

function endpointsFor(config: FiksIoConfig): { endpoints: HttpEndpoints; receive: ReceiveEndpoint } {
  if (config.environment === 'prod' || config.environment === 'test') {
    if (config.endpoints !== undefined)
      throw invalid('endpoints', `is only allowed with environment "custom", not "${config.environment}"`);
    const { amqp, ...endpoints } = FIKS_IO_ENVIRONMENTS[config.environment];
    const receive = config.receive ?? { type: 'amqp' as const, url: amqp };
    if (receive.type !== 'amqp') throw invalid('receive.type', `must be "amqp" for ${config.environment}`);
    url('receive.url', receive.url, ['amqps']);
    return { endpoints, receive: { type: 'amqp', url: receive.url } };
  }
  if (config.environment !== 'custom')
    throw invalid('environment', 'must be one of "prod", "test", "custom"');
  const given = config.endpoints;
  if (given === undefined) throw invalid('endpoints', 'is required with environment "custom"');
  const api = url('endpoints.api', given.api, ['https', 'http']).replace(/\/+$/, '');
  const maskinportenToken = url('endpoints.maskinportenToken', given.maskinportenToken, ['https', 'http']);
  const maskinportenAudience = given.maskinportenAudience;
  if (typeof maskinportenAudience !== 'string' || maskinportenAudience === '')
    throw invalid('endpoints.maskinportenAudience', 'is missing');
  const amqp = given.amqp === undefined ? undefined : url('endpoints.amqp', given.amqp, ['amqps', 'amqp']);
  let receive = config.receive;
  if (receive === undefined) {
    if (amqp === undefined) throw invalid('endpoints.amqp', 'is required when receive is not given');
    receive = { type: 'amqp', url: amqp };
  } else if (receive.type === 'amqp') {
    url('receive.url', receive.url, ['amqps', 'amqp']);
  } else if (receive.type === 'websocket') {
    url('receive.url', receive.url, ['ws', 'wss']);
  } else {
    throw invalid('receive.type', 'must be "amqp" or "websocket"');
  }
  return { endpoints: { api, maskinportenToken, maskinportenAudience }, receive: { ...receive } };
}

function checkPair(field: string, pair: CertificateWithKey): void {
  if (pair.certificate === undefined) throw invalid(`${field}.certificate`, 'is missing');
  if (pair.privateKey === undefined) throw invalid(`${field}.privateKey`, 'is missing');
  if (!keyMatchesCertificate(pair.privateKey, pair.certificate))
    throw invalid(`${field}.privateKey`, `does not belong to ${field}.certificate`);
}

/** Checks a configuration and fills in the defaults; throws `ConfigError` (`CONFIG_INVALID`) naming the field. */
export function resolveFiksIoConfig(config: FiksIoConfig): ResolvedFiksIoConfig {
  const { endpoints, receive } = endpointsFor(config);
  const kontoId = uuid('kontoId', config.kontoId);
  const integrasjonId = uuid('integrasjonId', config.integrasjonId);
  if (config.integrasjonPassord === undefined || Secret.from(config.integrasjonPassord).reveal() === '')
    throw invalid('integrasjonPassord', 'is missing');
  const maskinporten = config.maskinporten;
  if (maskinporten === undefined) throw invalid('maskinporten', 'is missing');
  if (typeof maskinporten.clientId !== 'string' || maskinporten.clientId.trim() === '')
    throw invalid('maskinporten.clientId', 'is missing');
  if (maskinporten.certificate !== undefined) checkPair('maskinporten', maskinporten as CertificateWithKey);
  else {
    if (typeof maskinporten.keyId !== 'string' || maskinporten.keyId.trim() === '')
      throw invalid(
        'maskinporten.keyId',
        'is required without maskinporten.certificate (a client registered with a key)',
      );
    if (maskinporten.privateKey?.type !== 'private') throw invalid('maskinporten.privateKey', 'is missing');
    if (config.signing === undefined)
      throw invalid(
        'signing',
        'is required when maskinporten has no certificate: payloads are signed with a certificate',
      );
  }
  if (config.signing !== undefined) checkPair('signing', config.signing);
  if (!Array.isArray(config.privateKeys) || config.privateKeys.length === 0)
    throw invalid('privateKeys', 'must hold at least one private key of the account');
  config.privateKeys.forEach((key, i) => {
    if (key?.type !== 'private') throw invalid(`privateKeys[${i}]`, 'is not a private key');
  });
  const prefetch = config.prefetch ?? DEFAULT_PREFETCH;
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > 65535)
    throw invalid('prefetch', 'must be an integer from 1 to 65535');
  const applicationName = config.applicationName ?? DEFAULT_APPLICATION_NAME;
  if (applicationName.trim() === '') throw invalid('applicationName', 'must not be empty');
  const { clientId, keyId, certificate, privateKey, chain } = maskinporten;
  return {
    environment: config.environment,
    endpoints,
    kontoId,
    integrasjonId,
    integrasjonPassord: Secret.from(config.integrasjonPassord),
    maskinporten: {
      clientId,
      ...(keyId === undefined ? {} : { keyId }),
      ...(certificate === undefined ? {} : { certificate }),
      privateKey,
      ...(chain === undefined ? {} : { chain }),
    },
    privateKeys: [...config.privateKeys],
    // Without a Maskinporten certificate, `signing` was required above.
    signing: config.signing ?? {
      certificate: certificate as X509Certificate,
      privateKey,
      ...(chain === undefined ? {} : { chain }),
    },
    trustedSigners: [...(config.trustedSigners ?? [])],
    prefetch,
    applicationName,
    receive,
  };
}
