import { checkInstalmentPlan } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runEmbeddedExchange } from '../../src/embedded/embedded-exchange.js';

test('the embedded main job gets a normal, valid answer to each protocol, inside the deadline', async () => {
  const outcomes = await runEmbeddedExchange();
  assert.equal(
    outcomes.map((o) => o.answerType),
    [
      'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat',
      'no.ks.fiks.faktura.avdrag.v1.opprett.resultat',
      'no.ks.fiks.faktura.kommentar.v1.send.kvittering',
    ],
  );
  const [deferral, plan, comment] = outcomes.map((o) => o.payload as Record<string, unknown>);
  assert.is(deferral!['utfall'], 'INNVILGET');
  assert.is(plan!['utfall'], 'INNVILGET');
  const nedbetalingsplan = plan!['nedbetalingsplan'] as Parameters<typeof checkInstalmentPlan>[0];
  assert.equal(checkInstalmentPlan(nedbetalingsplan, { antallAvdrag: 4 }), []);
  assert.is((comment!['rutetTil'] as { enhetId: string }).enhetId, 'sfo');
  for (const outcome of outcomes) {
    assert.ok(outcome.elapsedMs < 10_000, `${outcome.requestType} took ${outcome.elapsedMs} ms`);
    assert.type(outcome.answeringMs, 'number');
  }
});

test.run();
