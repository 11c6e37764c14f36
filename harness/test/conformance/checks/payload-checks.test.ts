import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { payloadFileNameCheck } from '../../../src/conformance/checks/payload-file-name-check.js';
import { schemaCheck, strictOverlayCheck } from '../../../src/conformance/checks/schema-checks.js';
import type { OpenedReply } from '../../../src/conformance/model/recorded-exchange.js';
import { BU, GRANTED_DEFERRAL, judged, verdicts } from './recorded-exchanges.js';

const test = suite('checks: payload file name, schema, strict overlay');

function withOpened(change: (opened: Extract<OpenedReply, { ok: true }>) => void) {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  const opened = structuredClone(j.exchange.replies[0]!.opened) as Extract<OpenedReply, { ok: true }>;
  change(opened);
  return { ...j, exchange: { ...j.exchange, replies: [{ ...j.exchange.replies[0]!, opened }] } };
}

test('the example answer passes file name, schema and strict overlay', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  assert.equal(verdicts([...payloadFileNameCheck(j), ...schemaCheck(j), ...strictOverlayCheck(j)]), [
    'pass',
    'pass',
    'pass',
  ]);
  const error = judged(GRANTED_DEFERRAL.request, { type: BU.ikkefunnet, name: 'faktura-ukjent' });
  assert.equal(verdicts(payloadFileNameCheck(error)), ['pass']);
});

test("a payload file named otherwise than the catalogue's fails payload.file-name", () => {
  const j = withOpened((o) => {
    o.files[0]!.name = 'resultat.json';
  });
  const [result] = payloadFileNameCheck(j);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /names the payload file of .* payload\.json; the reply holds resultat\.json/);
});

test('a reply without payload fails payload.file-name', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  const reply = { ...j.exchange.replies[0]!, harPayload: false };
  delete (reply as { opened?: unknown }).opened;
  assert.equal(verdicts(payloadFileNameCheck({ ...j, exchange: { ...j.exchange, replies: [reply] } })), [
    'fail',
  ]);
});

test('a schema-invalid payload fails payload.schema, listing each failing field', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply, {
    payload: (p) => {
      p['gebyrOere'] = -5;
      delete p['meldingTilInnbygger'];
    },
  });
  const [result] = schemaCheck(j);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /\/gebyrOere: must be >= 0 \(minimum\)/);
  assert.match(result!.message, /\/meldingTilInnbygger: .*\(required\)/);
});

test('a payload file that is not JSON fails payload.schema', () => {
  const j = withOpened((o) => {
    delete o.payload;
    o.payloadError = 'payload.json is not JSON: Unexpected token';
  });
  const [result] = schemaCheck(j);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /not readable JSON/);
});

test('the strict overlay reports unknown fields only, not the errors the schema check already fails', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply, {
    payload: (p) => {
      p['gebyrOere'] = -5;
    },
  });
  assert.equal(verdicts(schemaCheck(j)), ['fail']);
  assert.equal(verdicts(strictOverlayCheck(j)), ['pass']);
});

test('an unknown field only warns, naming it, and the tolerant schema still passes', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply, {
    payload: (p) => {
      p['ekstraFelt'] = 'x';
      (p['renter'] as Record<string, unknown>)['ukjent'] = 1;
    },
  });
  assert.equal(verdicts(schemaCheck(j)), ['pass']);
  const [result] = strictOverlayCheck(j);
  assert.is(result!.verdict, 'warn');
  assert.is(result!.severity, 'warning');
  assert.match(result!.message, /\/ekstraFelt/);
  assert.match(result!.message, /\/renter\/ukjent/);
});

test.run();
