import { parseCalendarDate } from '@fiks-faktura/sdk';
import type { CommandModule } from 'yargs';
import { norwegianDateOf } from '../../clock.js';
import { type LedgerArgs, withErp, withLedgerOptions } from '../erp-session.js';
import { printJson } from '../json-output.js';

interface PayArgs extends LedgerArgs {
  kid: string;
  'beloep-oere': number;
  dato?: string;
}

/**
 * `reference-erp pay --kid KID --beloep-oere N [--dato YYYY-MM-DD] [--data DIR]`: books a payment
 * from the bank on the invoice with that KID and prints the invoice's new rest and status.
 */
export const payCommand: CommandModule<object, PayArgs> = {
  command: 'pay',
  describe: 'Post a payment on the invoice with a KID, as the bank reports it',
  builder: (yargs) =>
    withLedgerOptions(yargs)
      .option('kid', { type: 'string', demandOption: true, describe: 'The KID the payer used' })
      .option('beloep-oere', { type: 'number', demandOption: true, describe: 'Amount paid, in øre' })
      .option('dato', { type: 'string', describe: 'Payment date (YYYY-MM-DD; default today)' }) as never,
  handler: async (args) => {
    const dato = args.dato === undefined ? norwegianDateOf(new Date()) : parseCalendarDate(args.dato);
    await withErp(args, async (erp) => {
      const result = await erp.postPayment({ kid: String(args.kid), beloepOere: args['beloep-oere'], dato });
      printJson({ kid: String(args.kid), beloepOere: args['beloep-oere'], dato, ...result });
    });
  },
};
