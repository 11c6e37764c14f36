import { parseCalendarDate } from '@fiks-faktura/sdk';
import type { CommandModule } from 'yargs';
import { norwegianDateOf } from '../../clock.js';
import { postPayment } from '../../ledger/post-payment.js';
import { clockOf, type LedgerArgs, withErp, withLedgerOptions } from '../erp-session.js';
import { printJson } from '../json-output.js';

interface PayArgs extends LedgerArgs {
  kid: string;
  'beloep-oere': number;
  dato?: string;
  bankreferanse?: string;
  force?: boolean;
}

/**
 * `reference-erp pay --kid KID --beloep-oere N [--dato YYYY-MM-DD] [--bankreferanse REF] [--force]
 * [--data DIR]`: books a payment from the bank on the invoice with that KID (on a replaced
 * original: on its plan's instalments, oldest first) and prints the new rest and status. A
 * duplicate or an over-payment is refused (exit 2, nothing booked) unless `--force`.
 */
export const payCommand: CommandModule<object, PayArgs> = {
  command: 'pay',
  describe: 'Post a payment on the invoice with a KID, as the bank reports it',
  builder: (yargs) =>
    withLedgerOptions(yargs)
      .option('kid', { type: 'string', demandOption: true, describe: 'The KID the payer used' })
      .option('beloep-oere', { type: 'number', demandOption: true, describe: 'Amount paid, in øre' })
      .option('dato', { type: 'string', describe: 'Payment date (YYYY-MM-DD; default today)' })
      .option('bankreferanse', {
        type: 'string',
        describe: "The bank's reference of the transaction; a repeated one is a duplicate",
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Book a duplicate or an over-payment anyway (the excess is kept for refund)',
      }) as never,
  handler: async (args) => {
    const clock = clockOf(args);
    const dato = args.dato === undefined ? norwegianDateOf(clock.now()) : parseCalendarDate(args.dato);
    const payment = {
      kid: String(args.kid),
      beloepOere: args['beloep-oere'],
      dato,
      ...(args.bankreferanse === undefined ? {} : { bankreferanse: String(args.bankreferanse) }),
    };
    await withErp(args, async (erp) => {
      const result = await postPayment(erp.db, payment, clock.now(), { force: args.force === true });
      printJson({ ...payment, ...result });
    });
  },
};
