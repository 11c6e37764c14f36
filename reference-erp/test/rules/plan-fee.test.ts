import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seededErp } from '../support/erp-fixture.js';
import { askInstalments, outcomeOf } from '../support/requests.js';

// avdrag rule 5: the instalments sum to totalbeloepOere, which is the rest plus gebyrOere.
test('a plan with a fee: totalbeloepOere is the rest plus the fee, and the instalments sum to it', async () => {
  const ctx = await seededErp({ config: { instalments: { feeOere: 5_000 } } });
  try {
    const reply = await askInstalments(ctx.erp, 'P01', '2026-0001', 4);
    assert.is(outcomeOf(reply), 'INNVILGET', JSON.stringify(reply.payload));
    const plan = reply.payload['nedbetalingsplan'] as {
      totalbeloepOere: number;
      gebyrOere: number;
      avdrag: { beloepOere: number }[];
    };
    assert.is(plan.gebyrOere, 5_000);
    assert.is(plan.totalbeloepOere, 345_678 + 5_000);
    assert.is(
      plan.avdrag.reduce((sum, a) => sum + a.beloepOere, 0),
      plan.totalbeloepOere,
    );
    // Whole kroner, the remainder on the first: 350 678 in 4 → 87 878, 87 600, 87 600, 87 600.
    assert.equal(
      plan.avdrag.map((a) => a.beloepOere),
      [87_878, 87_600, 87_600, 87_600],
    );
  } finally {
    await ctx.close();
  }
});

test.run();
