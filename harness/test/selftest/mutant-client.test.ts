// The wrapper machinery: a mutant client that changes nothing leaves the suite passing, even
// when every request is re-read and every answer re-sent through the mutant's hooks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MutantBehaviour } from '../../src/selftest/mutant.js';
import { MutantFiksIoClient } from '../../src/selftest/mutant-client.js';
import { runAgainst } from '../../src/selftest/run-against.js';
import { casesMatching, catalog, runOptions } from './support.js';

/** A granted answer, a denial, an error reply, a repeat, a receipt with an attachment. */
const CASES = [
  'avdrag.opprett.N01',
  'avdrag.opprett.N04',
  'betalingsutsettelse.opprett.N10',
  'betalingsutsettelse.opprett.F07',
  'kommentar.send.N06',
];

function notPassing(results: Awaited<ReturnType<typeof runAgainst>>): string {
  return results
    .filter((r) => r.verdict !== 'pass')
    .map(
      (r) =>
        `${r.id}: ${r.verdict} ${r.checks
          .filter((c) => c.verdict !== 'pass' && c.verdict !== 'skip')
          .map((c) => `${c.id}: ${c.message}`)
          .join('; ')} ${r.reason ?? ''}`,
    )
    .join('\n');
}

async function runWith(behaviour: MutantBehaviour) {
  const cases = casesMatching(CASES);
  assert.is(cases.length, CASES.length, 'every chosen case is in the suite');
  return runAgainst({
    ...runOptions,
    cases,
    wrapVendorClient: (inner, vendor) => new MutantFiksIoClient({ inner, vendor, catalog, behaviour }),
  });
}

test('a wrapper without hooks changes nothing: the cases pass', async () => {
  assert.is(notPassing(await runWith({})), '');
});

test('hooks that re-read every request and re-send every answer unchanged change nothing', async () => {
  let read = 0;
  let answered = 0;
  const results = await runWith({
    read: (request) => {
      read++;
      return request.payload;
    },
    answer: (answer) => {
      answered++;
      return answer.send({
        payload: answer.payload,
        meldingType: answer.meldingType,
        fileName: answer.fileName,
      });
    },
  });
  assert.is(notPassing(results), '');
  assert.ok(read >= CASES.length, `every request went through read (${read})`);
  assert.ok(answered >= CASES.length, `every answer went through answer (${answered})`);
});

test("the raw send path (own seal, same signer, same svarPaMelding) is as good as the client's", async () => {
  const results = await runWith({
    answer: (answer) => answer.send({ svarPaMelding: answer.request.meldingId }),
  });
  assert.is(notPassing(results), '');
});

test.run();
