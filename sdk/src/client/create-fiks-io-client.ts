import { loadConfigFile } from '../config/config-file.js';
import type { ResolvedFiksIoConfig } from '../config/fiks-io-config.js';
import type { FiksIoHttpOptions } from '../http/create-fiks-io-http.js';
import { FiksIoClient } from './fiks-io-client.js';
import { createRemoteConnection, type RemoteFiksIoConnection } from './remote-connection.js';

/** A client and the connection under it (whose `http` side answers catalog and account calls). */
export interface ConfiguredFiksIoClient {
  client: FiksIoClient;
  connection: RemoteFiksIoConnection;
}

/** A client for the configured account: its signing certificate, its private keys, its endpoints. */
export function createFiksIoClient(
  config: ResolvedFiksIoConfig,
  options: Omit<FiksIoHttpOptions, 'clock'> = {},
): ConfiguredFiksIoClient {
  const connection = createRemoteConnection(config, options);
  const client = new FiksIoClient({
    connection,
    signer: config.signing,
    privateKeys: config.privateKeys,
    ...(config.trustedSigners.length === 0 ? {} : { trustedSigners: config.trustedSigners }),
  });
  return { client, connection };
}

/** {@link createFiksIoClient} from a JSON config file (see `fiks-io-config.schema.json`). */
export async function createFiksIoClientFromFile(
  path: string,
  options: Omit<FiksIoHttpOptions, 'clock'> = {},
): Promise<ConfiguredFiksIoClient> {
  return createFiksIoClient(await loadConfigFile(path), options);
}
