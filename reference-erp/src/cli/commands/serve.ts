import { createFiksIoClientFromFile, createLogger, ProtocolCatalog } from '@fiks-faktura/sdk';
import { defineCommand } from '@fiks-faktura/sdk/cli';
import { configuredInnsynPublisher } from '../../innsyn/configured-publisher.js';
import { startJobScheduler } from '../../jobs/job-scheduler.js';
import { startErpService } from '../../service/erp-service.js';
import { clockOf, LEDGER_OPTIONS, type LedgerArgs, withErp } from '../erp-session.js';
import { EXIT_CODE } from '../exit-code.js';
import { printJson } from '../json-output.js';

interface ServeArgs extends LedgerArgs {
  config: string;
}

/** Resolves with the first of SIGINT and SIGTERM. */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * `reference-erp serve --config FILE [--data DIR] [--erp-config FILE] [--today YYYY-MM-DD]`: answers the invoice
 * protocols on the Fiks IO account of the SDK config file (the emulator's, or KS's). Prints one
 * JSON line `{kontoId, store, data, protocols}` when ready; logs go to stderr. In the background
 * it runs the lifecycle jobs and the sweep of unreleased answered decisions (at once and
 * periodically) and, when `innsyn.targetUrl` is configured, publishes the released Innsyn updates.
 * On SIGINT or SIGTERM it finishes the answers in flight, closes and exits 0.
 */
export const serveCommand = defineCommand<ServeArgs>({
  name: 'serve',
  describe: 'Answer the invoice protocols on a Fiks IO account',
  options: {
    config: {
      type: 'string',
      required: true,
      placeholder: 'FILE',
      describe: 'SDK config file of the ERP account (JSON)',
    },
    ...LEDGER_OPTIONS,
  },
  exitCodes: [
    { code: EXIT_CODE.ok, meaning: 'stopped by SIGINT or SIGTERM after finishing the answers in flight' },
  ],
  run: async (args) => {
    const log = createLogger({
      name: 'reference-erp',
      destination: { write: (line: string) => process.stderr.write(line) },
    });
    const signal = shutdownSignal();
    const catalog = ProtocolCatalog.load();
    await withErp(args, async (erp, store) => {
      const { client } = await createFiksIoClientFromFile(args.config);
      const publisher = configuredInnsynPublisher(erp.config.innsyn);
      const jobs = startJobScheduler({
        db: erp.db,
        config: erp.config,
        clock: clockOf(args),
        ...(publisher === undefined ? {} : { publisher }),
        onEvent: (event) => log.info({ jobs: event }, `jobs: ${event.kind}`),
        onError: (error, context) =>
          log.warn({ ...context, code: (error as { code?: string }).code }, error.message),
      });
      try {
        const service = await startErpService({
          erp,
          client,
          catalog,
          onEvent: (event) => {
            log.info({ event }, `${event.meldingType} ${event.outcome}`);
            if ((event.innsynReleased ?? 0) > 0) jobs.publishSoon();
          },
          onError: (error, context) =>
            log.warn({ ...context, code: (error as { code?: string }).code }, error.message),
        });
        printJson({
          kontoId: client.kontoId,
          store: store.store,
          data: store.data,
          protocols: service.requestTypes,
        });
        const received = await signal;
        log.info({ signal: received }, 'shutting down: finishing the answers in flight');
        await service.close();
      } finally {
        await jobs.close();
      }
    });
  },
});
