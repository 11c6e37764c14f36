import { defineCommand } from '@fiks-faktura/sdk/cli';
import { ReferenceErpError } from '../../errors/reference-erp-error.js';
import type { Innbygger } from '../../protocol/erp-protocols.js';
import { LEDGER_OPTIONS, type LedgerArgs, withErp } from '../erp-session.js';
import { EXIT_CODE } from '../exit-code.js';
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
export const openItemsCommand = defineCommand<OpenItemsArgs>({
  name: 'open-items',
  describe: "List a payer's open items (unpaid invoices)",
  options: {
    payer: {
      type: 'string',
      required: true,
      placeholder: 'FNR|ORGNR',
      describe: 'Fødselsnummer (11 digits) or organisasjonsnummer (9 digits)',
    },
    ...LEDGER_OPTIONS,
  },
  exitCodes: [{ code: EXIT_CODE.ok, meaning: 'the open items on stdout (one JSON line)' }],
  run: async (args) => {
    const payer = payerOf(args.payer);
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
});
