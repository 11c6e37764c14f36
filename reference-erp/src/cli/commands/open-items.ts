import type { CommandModule } from 'yargs';
import { ReferenceErpError } from '../../errors/reference-erp-error.js';
import type { Innbygger } from '../../protocol/erp-protocols.js';
import { type LedgerArgs, withErp, withLedgerOptions } from '../erp-session.js';
import { printJson } from '../json-output.js';

interface OpenItemsArgs extends LedgerArgs {
  payer: string;
}

/** A fødselsnummer (11 digits) or an organisasjonsnummer (9 digits) as the login identity. */
function payerOf(id: string): Innbygger {
  if (/^[0-9]{11}$/.test(id)) return { foedselsnummer: id };
  if (/^[0-9]{9}$/.test(id)) return { organisasjonsnummer: id };
  throw new ReferenceErpError(
    'PAYER_INVALID',
    '--payer takes a fødselsnummer (11 digits) or an organisasjonsnummer (9 digits).',
  );
}

/**
 * `reference-erp open-items --payer FNR|ORGNR [--data DIR]`: the payer's unpaid invoices, as the
 * ledger shows them, oldest due date first.
 */
export const openItemsCommand: CommandModule<object, OpenItemsArgs> = {
  command: 'open-items',
  describe: "List a payer's open items (unpaid invoices)",
  builder: (yargs) =>
    withLedgerOptions(yargs).option('payer', {
      type: 'string',
      demandOption: true,
      describe: 'Fødselsnummer or organisasjonsnummer',
    }) as never,
  handler: async (args) => {
    const payer = payerOf(String(args.payer));
    await withErp(args, async (erp) => {
      const invoices = await erp.findOpenItems(payer);
      printJson({
        payer,
        openItems: invoices.map((invoice) => ({
          fakturanummer: invoice.invoiceNumber,
          kid: invoice.kid,
          kontonummer: invoice.accountNumber,
          forfallsdato: invoice.dueDate,
          beloepOere: invoice.amountOere,
          restbeloepOere: invoice.restOere,
          status: invoice.status,
          produkttype: invoice.productType,
        })),
      });
    });
  },
};
