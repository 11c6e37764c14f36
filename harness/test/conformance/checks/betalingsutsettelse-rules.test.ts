import { parseCalendarDate } from '@fiks-faktura/sdk';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { datoForSenCheck } from '../../../src/conformance/checks/betalingsutsettelse-denial-rules.js';
import {
  fakturaEtterUtsettelseCheck,
  maaEndresIBankCheck,
  nyForfallsdatoCheck,
  renteFraDatoCheck,
} from '../../../src/conformance/checks/betalingsutsettelse-grant-rules.js';
import { BU, GRANTED_DEFERRAL, judged, verdicts } from './recorded-exchanges.js';

const test = suite('checks: betalingsutsettelse rules 5 and 6');
const AVTALEGIRO = {
  request: { type: BU.opprett, name: 'person-avtalegiro-minimal' },
  reply: { type: BU.resultat, name: 'innvilget-avtalegiro' },
} as const;
const DATO_FOR_SEN = {
  request: { type: BU.opprett, name: 'd-nummer-dato-for-sen' },
  reply: { type: BU.resultat, name: 'avslaatt-dato-for-sen' },
} as const;

type Payload = Record<string, unknown>;
const granted = (change: (p: Payload) => void) =>
  judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply, { payload: change });
const faktura = (p: Payload) => p['faktura'] as Payload;

test('the granted examples pass every rule-5 check that applies', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  assert.equal(
    verdicts([...nyForfallsdatoCheck(j), ...renteFraDatoCheck(j), ...fakturaEtterUtsettelseCheck(j)]),
    ['pass', 'pass', 'pass'],
  );
  assert.equal(maaEndresIBankCheck(j), [], 'kanal ANNET: nothing to check');
  const giro = judged(AVTALEGIRO.request, AVTALEGIRO.reply);
  assert.equal(
    verdicts([
      ...nyForfallsdatoCheck(giro),
      ...fakturaEtterUtsettelseCheck(giro),
      ...maaEndresIBankCheck(giro),
    ]),
    ['pass', 'pass', 'pass'],
  );
});

test('nyForfallsdato: the requested Good Friday kept as is fails (not a banking day, not moved forward)', () => {
  const [result] = nyForfallsdatoCheck(
    granted((p) => {
      p['nyForfallsdato'] = '2026-04-03';
      faktura(p)['forfallsdato'] = '2026-04-03';
    }),
  );
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /2026-04-03 is not a Norwegian banking day/);
  assert.match(result!.message, /moved forward to a banking day is 2026-04-07/);
  assert.is(result!.spec, 'no.ks.fiks.faktura.betalingsutsettelse/v1/README.md#rule-5');
});

test('nyForfallsdato: a later banking day than the requested one fails', () => {
  assert.equal(
    verdicts(
      nyForfallsdatoCheck(
        granted((p) => {
          p['nyForfallsdato'] = '2026-04-08';
        }),
      ),
    ),
    ['fail'],
  );
});

test('nyForfallsdato: not later than the original due date, and in the past, fail', () => {
  const j = granted((p) => {
    p['opprinneligForfallsdato'] = '2026-04-07';
  });
  assert.match(nyForfallsdatoCheck(j)[0]!.message, /not later than opprinneligForfallsdato 2026-04-07/);
  const past = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply, {
    context: { today: parseCalendarDate('2026-04-08') },
  });
  assert.match(nyForfallsdatoCheck(past)[0]!.message, /in the past \(today is 2026-04-08\)/);
});

test('renteFraDato other than the original due date fails', () => {
  const [result] = renteFraDatoCheck(
    granted((p) => {
      (p['renter'] as Payload)['renteFraDato'] = '2026-04-07';
    }),
  );
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /renteFraDato is "2026-04-07"; opprinneligForfallsdato is "2026-03-22"/);
});

test('faktura: a due date other than nyForfallsdato, or a changed fakturanummer or kid, fails', () => {
  assert.equal(
    verdicts(
      fakturaEtterUtsettelseCheck(
        granted((p) => {
          faktura(p)['forfallsdato'] = '2026-03-22';
        }),
      ),
    ),
    ['fail'],
  );
  const renumbered = fakturaEtterUtsettelseCheck(
    granted((p) => {
      faktura(p)['fakturanummer'] = '2026-0001-U';
    }),
  );
  assert.match(
    renumbered[0]!.message,
    /faktura\.fakturanummer is "2026-0001-U"; the request gave "2026-0001"/,
  );
  const newKid = fakturaEtterUtsettelseCheck(
    granted((p) => {
      faktura(p)['kid'] = '4601202600020';
    }),
  );
  assert.match(newKid[0]!.message, /faktura\.kid/);
});

test('maaEndresIBank false for AVTALEGIRO fails', () => {
  const j = judged(AVTALEGIRO.request, AVTALEGIRO.reply, {
    payload: (p) => {
      (p['betalingskanal'] as Payload)['maaEndresIBank'] = false;
    },
  });
  const [result] = maaEndresIBankCheck(j);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /AVTALEGIRO has maaEndresIBank false/);
});

test('rule 6: DATO_FOR_SEN with senesteTillatteForfallsdato passes, without it fails; other denials are not concerned', () => {
  assert.equal(verdicts(datoForSenCheck(judged(DATO_FOR_SEN.request, DATO_FOR_SEN.reply))), ['pass']);
  const missing = judged(DATO_FOR_SEN.request, DATO_FOR_SEN.reply, {
    payload: (p) => {
      delete p['senesteTillatteForfallsdato'];
    },
  });
  const [result] = datoForSenCheck(missing);
  assert.is(result!.verdict, 'fail');
  assert.is(result!.spec, 'no.ks.fiks.faktura.betalingsutsettelse/v1/README.md#rule-6');
  const other = judged(
    { type: BU.opprett, name: 'person-maks-antall-utsettelser' },
    { type: BU.resultat, name: 'avslaatt-maks-antall-utsettelser' },
  );
  assert.equal(datoForSenCheck(other), []);
  assert.equal(nyForfallsdatoCheck(other), [], 'grant rules do not apply to a denial');
});

test.run();
