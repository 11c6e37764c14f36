import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { echoForesporselIdCheck } from '../../../src/conformance/checks/echo-check.js';
import { correlationIdCheck, feilmeldingCheck } from '../../../src/conformance/checks/error-reply-checks.js';
import { ikkefunnetWordingCheck } from '../../../src/conformance/checks/ikkefunnet-wording-check.js';
import { kidMod10Check, kidsIn } from '../../../src/conformance/checks/kid-check.js';
import { kodebeskrivelseCheck } from '../../../src/conformance/checks/kodebeskrivelse-check.js';
import {
  AV,
  BU,
  caseOf,
  example,
  exchangeOf,
  GRANTED_DEFERRAL,
  judgeContext,
  judged,
  replyOf,
  stepOf,
  verdicts,
} from './recorded-exchanges.js';

const test = suite('checks: rules every protocol shares');
const DENIED = { type: BU.resultat, name: 'avslaatt-dato-for-sen' } as const;
const DENIED_REQUEST = { type: BU.opprett, name: 'd-nummer-dato-for-sen' } as const;

test("rules.echo-foresporsel-id: the example's echo passes; another id fails; error replies are exempt", () => {
  assert.equal(verdicts(echoForesporselIdCheck(judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply))), [
    'pass',
  ]);
  const wrong = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply, {
    payload: (p) => {
      p['foresporselId'] = '00000000-0000-4000-8000-000000000000';
    },
  });
  const [result] = echoForesporselIdCheck(wrong);
  assert.is(result!.verdict, 'fail');
  assert.is(result!.spec, 'no.ks.fiks.faktura.betalingsutsettelse/v1/README.md#fields');
  assert.equal(
    echoForesporselIdCheck(judged(GRANTED_DEFERRAL.request, { type: BU.ikkefunnet, name: 'faktura-ukjent' })),
    [],
  );
});

test("rules.kodebeskrivelse: the code list's description passes; another text and an unknown code fail", () => {
  assert.equal(verdicts(kodebeskrivelseCheck(judged(DENIED_REQUEST, DENIED))), ['pass']);
  const reworded = judged(DENIED_REQUEST, DENIED, {
    payload: (p) => {
      (p['aarsak'] as Record<string, unknown>)['kodebeskrivelse'] = 'Datoen er for sen';
    },
  });
  const [result] = kodebeskrivelseCheck(reworded);
  assert.is(result!.verdict, 'fail');
  assert.match(
    result!.message,
    /"Datoen er for sen"; the code list aarsakskoder says "Ønsket dato er senere enn seneste tillatte dato"/,
  );
  const unknown = judged(DENIED_REQUEST, DENIED, {
    payload: (p) => {
      p['aarsak'] = { kodeverdi: 'UKJENT_KODE' };
    },
  });
  assert.equal(verdicts(kodebeskrivelseCheck(unknown)), ['fail']);
  const withoutText = judged(DENIED_REQUEST, DENIED, {
    payload: (p) => {
      p['aarsak'] = { kodeverdi: 'DATO_FOR_SEN' };
    },
  });
  assert.equal(verdicts(kodebeskrivelseCheck(withoutText)), ['pass']);
});

test('rules.kodebeskrivelse reads the avdrag code list for avdrag replies', () => {
  const j = judged(
    { type: AV.opprett, name: 'person-avdrag-for-smaa' },
    { type: AV.resultat, name: 'avslaatt-avdrag-for-lite' },
  );
  const [result] = kodebeskrivelseCheck(j);
  assert.is(result!.verdict, 'pass');
  assert.is(result!.spec, 'no.ks.fiks.faktura.avdrag/v1/README.md#message-types');
});

test('rules.kid-mod10: every KID anywhere in the reply; a wrong check digit fails', () => {
  const plan = judged(
    { type: AV.opprett, name: 'person-fire-avdrag-alle-felter' },
    { type: AV.resultat, name: 'innvilget-fire-avdrag' },
  );
  const [ok] = kidMod10Check(plan);
  assert.is(ok!.verdict, 'pass');
  assert.match(ok!.message, /5 KID\(s\)/);
  const broken = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply, {
    payload: (p) => {
      (p['faktura'] as Record<string, unknown>)['kid'] = '4601202600013';
    },
  });
  const [result] = kidMod10Check(broken);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /\$\.faktura\.kid = "4601202600013"/);
  assert.equal(kidsIn({ a: [{ kid: '1' }, { b: { kid: 2 } }] }), [
    { path: '$.a[0].kid', kid: '1' },
    { path: '$.a[1].b.kid', kid: 2 },
  ]);
});

test('rules.error-reply.feilmelding: a blank feilmelding fails', () => {
  const notFound = { type: BU.ikkefunnet, name: 'faktura-ukjent' } as const;
  assert.equal(verdicts(feilmeldingCheck(judged(GRANTED_DEFERRAL.request, notFound))), ['pass']);
  const blank = judged(GRANTED_DEFERRAL.request, notFound, {
    payload: (p) => {
      p['feilmelding'] = '   ';
    },
  });
  assert.equal(verdicts(feilmeldingCheck(blank)), ['fail']);
  assert.equal(feilmeldingCheck(judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply)), []);
});

test("rules.error-reply.correlation-id: the request's foresporselId or meldingId passes, anything else warns", () => {
  const notFound = { type: BU.ikkefunnet, payload: example(BU.ikkefunnet, 'faktura-ukjent') };
  const request = example(BU.opprett, 'person-alle-felter');
  const set = (id: string) => ({
    payload: (p: Record<string, unknown>) => {
      p['correlationId'] = id;
    },
  });
  const foresporselId = request['foresporselId'] as string;
  assert.equal(
    verdicts(
      correlationIdCheck(judged({ type: BU.opprett, payload: request }, notFound, set(foresporselId))),
    ),
    ['pass'],
  );
  assert.equal(
    verdicts(
      correlationIdCheck(
        judged({ type: BU.opprett, payload: request }, notFound, set('bbbbbbbb-0000-4000-8000-000000000001')),
      ),
    ),
    ['pass'],
  );
  const [other] = correlationIdCheck(
    judged({ type: BU.opprett, payload: request }, notFound, set('noe-annet')),
  );
  assert.is(other!.verdict, 'warn');
  const absent = judged({ type: BU.opprett, payload: request }, notFound, {
    payload: (p) => {
      delete p['correlationId'];
    },
  });
  assert.equal(correlationIdCheck(absent), []);
});

test('rules.ikkefunnet-wording: the same text in every step passes; another wording fails', () => {
  const request = { type: BU.opprett, payload: example(BU.opprett, 'person-alle-felter') };
  const answer = (feilmelding: string) =>
    replyOf(BU.ikkefunnet, { ...example(BU.ikkefunnet, 'faktura-ukjent'), feilmelding });
  const steps = [stepOf(BU.opprett, [BU.ikkefunnet]), stepOf(BU.opprett, [BU.ikkefunnet])];
  const testCase = caseOf('no.ks.fiks.faktura.betalingsutsettelse', steps);
  const same = [
    exchangeOf(request, [answer('Fant ikke fakturaen.')]),
    exchangeOf(request, [answer('Fant ikke fakturaen.')], { step: 2 }),
  ];
  assert.equal(verdicts(ikkefunnetWordingCheck({ testCase, exchanges: same, context: judgeContext() })), [
    'pass',
  ]);
  const differ = [
    exchangeOf(request, [answer('Fant ikke fakturaen.')]),
    exchangeOf(request, [answer('Fakturaen tilhører en annen.')], { step: 2 }),
  ];
  const [result] = ikkefunnetWordingCheck({ testCase, exchanges: differ, context: judgeContext() });
  assert.is(result!.verdict, 'fail');
  assert.is(result!.step, 2);
  assert.is(result!.spec, 'no.ks.fiks.faktura.betalingsutsettelse/v1/README.md#rule-4');
  assert.match(result!.message, /^Step 2: ikkefunnet says "Fakturaen tilhører en annen\.", but step 1 said/);
});

test.run();
