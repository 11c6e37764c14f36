import type { ResolvedFiksIoConfig } from '../config/fiks-io-config.js';
import { MaskinportenTokenProvider } from '../maskinporten/maskinporten-token-provider.js';
import { FiksIoCredentials } from './fiks-io-credentials.js';
import { FiksIoHttpClient } from './fiks-io-http-client.js';
import { FiksIoSender } from './fiks-io-sender.js';
import { RecipientCertificateCache } from './recipient-certificate-cache.js';
import type { RetryOptions } from './retry-policy.js';

/** The HTTP side of one Fiks IO client, wired from its configuration. */
export interface FiksIoHttp {
  tokenProvider: MaskinportenTokenProvider;
  /** Also yields the AMQP password and the WebSocket bridge headers. */
  credentials: FiksIoCredentials;
  sender: FiksIoSender;
  client: FiksIoHttpClient;
  /** Recipient certificates from the catalog, cached 10 minutes. */
  recipientCertificates: RecipientCertificateCache;
}

/** Options of {@link createFiksIoHttp} beside the configuration. */
export interface FiksIoHttpOptions {
  fetch?: typeof fetch;
  clock?: () => number;
  /** Retries of reads and token requests, and of sends that certainly never reached Fiks IO. */
  retry?: RetryOptions;
  /** Opt-in to sends repeated after uncertain failures (duplicates possible): see `FiksIoSenderOptions.retryUncertainFailures`. */
  retryUncertainSends?: boolean;
  /**
   * Milliseconds an attempt of a Fiks IO call may go without progress (no upload chunk taken, no
   * answer) before it fails (default 100 000, as KS's clients).
   */
  timeoutMs?: number;
}

/** Builds the token provider, credentials, sender, catalog client and certificate cache of a configuration. */
export function createFiksIoHttp(config: ResolvedFiksIoConfig, options: FiksIoHttpOptions = {}): FiksIoHttp {
  const shared = {
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  };
  const { clientId, keyId, certificate, privateKey } = config.maskinporten;
  const tokenProvider = new MaskinportenTokenProvider({
    tokenUrl: config.endpoints.maskinportenToken,
    audience: config.endpoints.maskinportenAudience,
    clientId,
    ...(certificate === undefined ? {} : { certificate }),
    privateKey,
    ...(keyId === undefined ? {} : { keyId }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...shared,
  });
  const credentials = new FiksIoCredentials({
    integrasjonId: config.integrasjonId,
    integrasjonPassord: config.integrasjonPassord,
    tokenProvider,
  });
  const apiUrl = config.endpoints.api;
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const client = new FiksIoHttpClient({
    apiUrl,
    credentials,
    kontoId: config.kontoId,
    privateKeys: config.privateKeys,
    ...shared,
    ...timeout,
  });
  return {
    tokenProvider,
    credentials,
    sender: new FiksIoSender({
      apiUrl,
      kontoId: config.kontoId,
      credentials,
      ...shared,
      ...timeout,
      ...(options.retryUncertainSends === undefined
        ? {}
        : { retryUncertainFailures: options.retryUncertainSends }),
    }),
    client,
    recipientCertificates: new RecipientCertificateCache({
      load: async (kontoId) => (await client.getOffentligNokkel(kontoId)).certificate,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    }),
  };
}
