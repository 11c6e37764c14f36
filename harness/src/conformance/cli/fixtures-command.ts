import { type CalendarDate, FiksError, parseCalendarDate } from '@fiks-faktura/sdk';
import type { CommandModule } from 'yargs';
import { fixturesView, loadDataMap } from '../suite/index.js';

interface FixturesArgs {
  today: string;
  format: 'json' | 'csv';
  'data-map'?: string;
}

/** `fiks-conformance fixtures --today DATE`: the fixture ledger to load into a test system. */
export const fixturesCommand: CommandModule<object, FixturesArgs> = {
  command: 'fixtures',
  describe: 'Print the fixture ledger with its dates resolved for a day, to load into your test system',
  builder: (yargs) =>
    yargs
      .option('today', { type: 'string', demandOption: true, describe: 'the seed day, YYYY-MM-DD' })
      .option('format', { choices: ['json', 'csv'] as const, default: 'json' as const })
      .option('data-map', {
        type: 'string',
        describe: 'map fixture payers, invoices and units to your own (JSON)',
      }) as never,
  handler: (args) => {
    let today: CalendarDate;
    try {
      today = parseCalendarDate(args.today);
    } catch {
      throw new FiksError('USAGE', `--today must be a date YYYY-MM-DD, not ${JSON.stringify(args.today)}`);
    }
    const view = fixturesView(today, loadDataMap(args['data-map']));
    process.stdout.write(args.format === 'csv' ? view.csv : `${JSON.stringify(view.json, null, 2)}\n`);
  },
};
