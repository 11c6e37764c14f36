import { type CalendarDate, FiksError, parseCalendarDate } from '@fiks-faktura/sdk';
import { defineCommand } from '@fiks-faktura/sdk/cli';
import { fixturesView, loadDataMap } from '../suite/index.js';

interface FixturesArgs {
  today: string;
  format: 'json' | 'csv';
  'data-map'?: string;
}

/** `fiks-conformance fixtures --today DATE`: the fixture ledger to load into a test system. */
export const fixturesCommand = defineCommand<FixturesArgs>({
  name: 'fixtures',
  describe: 'Print the fixture ledger with its dates resolved for a day, to load into your test system',
  options: {
    today: { type: 'string', required: true, placeholder: 'YYYY-MM-DD', describe: 'the seed day' },
    format: { type: 'string', choices: ['json', 'csv'], default: 'json', describe: 'the output format' },
    'data-map': {
      type: 'string',
      placeholder: 'FILE',
      describe: 'map fixture payers, invoices and units to your own (JSON)',
    },
  },
  run: (args) => {
    let today: CalendarDate;
    try {
      today = parseCalendarDate(args.today);
    } catch {
      throw new FiksError('USAGE', `--today must be a date YYYY-MM-DD, not ${JSON.stringify(args.today)}`);
    }
    const view = fixturesView(today, loadDataMap(args['data-map']));
    process.stdout.write(args.format === 'csv' ? view.csv : `${JSON.stringify(view.json, null, 2)}\n`);
  },
});
