import { parseCalendarDate } from '@fiks-faktura/sdk';
import { defineCommand } from '@fiks-faktura/sdk/cli';
import { norwegianDateOf } from '../../clock.js';
import { postPayment } from '../../ledger/post-payment.js';
import { clockOf, LEDGER_OPTIONS, type LedgerArgs, withErp } from '../erp-session.js';
import { EXIT_CODE } from '../exit-code.js';
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
export const payCommand = defineCommand<PayArgs>({
  name: 'pay',
  describe: 'Post a payment on the invoice with a KID, as the bank reports it',
  options: {
    kid: {
      type: 'string',
      required: true,
      placeholder: 'KID',
      describe: 'The KID the payer used (as typed: leading zeros count)',
    },
    'beloep-oere': { type: 'number', required: true, placeholder: 'N', describe: 'Amount paid, in øre' },
    dato: { type: 'string', placeholder: 'YYYY-MM-DD', describe: 'Payment date (default: today)' },
    bankreferanse: {
      type: 'string',
      placeholder: 'REF',
      describe: "The bank's reference of the transaction; a repeated one is a duplicate",
    },
    force: {
      type: 'boolean',
      default: false,
      describe: 'Book a duplicate or an over-payment anyway (the excess is kept for refund)',
    },
    ...LEDGER_OPTIONS,
  },
  exitCodes: [
    { code: EXIT_CODE.ok, meaning: 'booked; the new rest and status on stdout (one JSON line)' },
    {
      code: EXIT_CODE.refused,
      meaning: 'refused: a duplicate or an over-payment; nothing booked (see --force)',
    },
  ],
  run: async (args) => {
    const clock = clockOf(args);
    const dato = args.dato === undefined ? norwegianDateOf(clock.now()) : parseCalendarDate(args.dato);
    const payment = {
      kid: args.kid,
      beloepOere: args['beloep-oere'],
      dato,
      ...(args.bankreferanse === undefined ? {} : { bankreferanse: args.bankreferanse }),
    };
    await withErp(args, async (erp) => {
      const result = await postPayment(erp.db, payment, clock.now(), { force: args.force === true });
      printJson({ ...payment, ...result });
    });
  },
});
