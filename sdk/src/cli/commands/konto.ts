import { FiksError, isFiksError } from '../../errors/fiks-error.js';
import { defineCommand } from '../command-spec.js';

interface KontoArgs {
  config: string;
  konto?: string;
}

/**
 * `fiks-io konto --config FILE [KONTO]`: the account, its status and its public key, as JSON. An
 * account the catalogue does not know is `KONTO_NOT_FOUND` (exit 1).
 */
export const kontoCommand = defineCommand<KontoArgs>({
  name: 'konto',
  describe: 'Show an account (default: the own), its status and its public key',
  positionals: [{ name: 'konto', describe: 'The account (kontoId)' }],
  options: {
    config: { type: 'string', required: true, placeholder: 'FILE', describe: 'SDK config file (JSON)' },
  },
  run: async (args) => {
    const { createFiksIoClientFromFile } = await import('../../client/create-fiks-io-client.js');
    const { client, connection } = await createFiksIoClientFromFile(args.config);
    try {
      const kontoId = args.konto ?? connection.kontoId;
      const { client: katalog } = connection.http;
      const [konto, status] = await Promise.all([katalog.getKonto(kontoId), katalog.getKontoStatus(kontoId)]);
      if (konto === null)
        throw new FiksError('KONTO_NOT_FOUND', `The catalogue knows no account ${kontoId}.`, {
          details: { kontoId },
        });
      let offentligNokkel: unknown = null;
      try {
        const { certificate: _parsed, ...fields } = await katalog.getOffentligNokkel(kontoId);
        offentligNokkel = fields;
      } catch (error) {
        if (!isFiksError(error, 'PUBLIC_KEY_NOT_FOUND')) throw error;
      }
      process.stdout.write(`${JSON.stringify({ kontoId, konto, status, offentligNokkel }, null, 2)}\n`);
    } finally {
      await client.close();
    }
  },
});
