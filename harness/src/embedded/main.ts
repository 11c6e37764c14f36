// `npm start`: one exchange per invoice protocol, end to end in this process (see
// runEmbeddedExchange). Prints each answer and its timing; exits non-zero unless every request got
// a normal answer (not a feilmelding) well inside the 10 s deadline.
import { runEmbeddedExchange } from './embedded-exchange.js';

const DEADLINE_MS = 10_000;

function summary(payload: Record<string, unknown>): string {
  if (typeof payload['utfall'] === 'string') {
    const aarsak = payload['aarsak'] as { kodeverdi?: string } | undefined;
    return [payload['utfall'], aarsak?.kodeverdi].filter(Boolean).join(' ');
  }
  const rutetTil = payload['rutetTil'] as { enhetNavn?: string } | undefined;
  if (rutetTil !== undefined) return `rutet til ${rutetTil.enhetNavn}`;
  return String(payload['feilmelding'] ?? '');
}

const outcomes = await runEmbeddedExchange();
let ok = true;
for (const outcome of outcomes) {
  const payload = outcome.payload as Record<string, unknown>;
  const normal = !outcome.answerType.includes('.feilmelding.') && outcome.elapsedMs < DEADLINE_MS;
  ok &&= normal;
  console.log(
    `${normal ? 'ok  ' : 'FAIL'} ${outcome.requestType}\n     → ${outcome.answerType}: ${summary(payload)}` +
      `\n     ${outcome.elapsedMs.toFixed(0)} ms in all, ${outcome.answeringMs ?? '?'} ms of it in the invoicing system` +
      ` (deadline ${DEADLINE_MS} ms)`,
  );
  console.log(`     ${JSON.stringify(payload)}`);
}
console.log(ok ? 'all three protocols answered' : 'not every request got a normal answer in time');
process.exitCode = ok ? 0 : 1;
