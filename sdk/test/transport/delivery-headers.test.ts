import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { parseDeliveryHeaders, type RawDelivery } from '../../src/transport/delivery-headers.js';

const test = suite('parseDeliveryHeaders');
const KONTO = 'b2a7c6b1-2f4e-4a53-9d0e-1b2c3d4e5f60';

function raw(headers: Record<string, unknown>, extra: Partial<RawDelivery> = {}): RawDelivery {
  return {
    headers,
    redelivered: false,
    routingKey: `fiksio.konto.${KONTO}`,
    body: Buffer.alloc(0),
    ...extra,
  };
}
const required = { 'melding-id': 'm-1', type: 't.v1', 'avsender-id': 'a-1' };

test('required headers, routing key and defaults', () => {
  const d = parseDeliveryHeaders(raw(required));
  assert.equal(d, {
    meldingId: 'm-1',
    meldingType: 't.v1',
    avsenderKontoId: 'a-1',
    mottakerKontoId: KONTO,
    headere: {},
    resendt: false,
    harPayload: false,
    body: Buffer.alloc(0),
  });
});

test('each missing or empty required header is named in HEADER_MISSING', () => {
  for (const name of Object.keys(required)) {
    for (const value of [undefined, '']) {
      const headers: Record<string, unknown> = { ...required, [name]: value };
      try {
        parseDeliveryHeaders(raw(headers));
        assert.unreachable(`${name}=${String(value)} accepted`);
      } catch (error) {
        assert.ok(isFiksError(error, 'HEADER_MISSING'));
        assert.equal((error as unknown as { details: { missing: string[] } }).details.missing, [name]);
      }
    }
  }
  assert.throws(() => parseDeliveryHeaders(raw({}, { headers: undefined })), /melding-id, type, avsender-id/);
});

test('the routing key wins over the configured kontoId; the kontoId is the fallback', () => {
  assert.is(parseDeliveryHeaders(raw(required), 'other').mottakerKontoId, KONTO);
  assert.is(parseDeliveryHeaders(raw(required, { routingKey: '' }), 'konto-x').mottakerKontoId, 'konto-x');
});

test('klientKorrelasjonsId prefers the current spelling over the deprecated one', () => {
  const both = parseDeliveryHeaders(
    raw({
      ...required,
      'egendefinert-header.klientKorrelasjonsId': 'ny',
      'egendefinert-header.klientKorrelasjonId': 'gammel',
    }),
  );
  assert.is(both.klientKorrelasjonsId, 'ny');
  const old = parseDeliveryHeaders(raw({ ...required, 'egendefinert-header.klientKorrelasjonId': 'gammel' }));
  assert.is(old.klientKorrelasjonsId, 'gammel');
});

test('a custom header named __proto__ is an ordinary entry', () => {
  const d = parseDeliveryHeaders(raw({ ...required, 'egendefinert-header.__proto__': 'x' }));
  assert.is(Object.getPrototypeOf(d.headere), Object.prototype);
  assert.equal(Object.entries(d.headere), [['__proto__', 'x']]);
  assert.is(parseDeliveryHeaders(raw(required)).klientMeldingId, undefined);
});

test('expiration becomes ttlMs only when it is a non-negative integer', () => {
  const cases: [unknown, number | undefined][] = [
    ['172800000', 172_800_000],
    [5000, 5000],
    [Buffer.from('60000'), 60_000],
    ['-1', undefined],
    ['1.5', undefined],
    ['abc', undefined],
    [undefined, undefined],
  ];
  for (const [expiration, ttl] of cases)
    assert.is(parseDeliveryHeaders(raw(required, { expiration })).ttlMs, ttl, String(expiration));
});

test('harPayload: body bytes or a dokumentlager-id', () => {
  assert.ok(parseDeliveryHeaders(raw(required, { body: Buffer.from([1]) })).harPayload);
  const dl = parseDeliveryHeaders(raw({ ...required, 'dokumentlager-id': 'd-1' }));
  assert.ok(dl.harPayload);
  assert.is(dl.dokumentlagerId, 'd-1');
});

const headerValue = fc.string({ unit: 'grapheme', minLength: 1 });
const customName = fc.string({ minLength: 1 }).filter((s) => !s.includes('\0'));

test('property: string and byte-string (Buffer) headers parse identically, custom headers round-trip', () => {
  fc.assert(
    fc.property(
      fc.record({ 'melding-id': headerValue, type: headerValue, 'avsender-id': headerValue }),
      fc.dictionary(customName, headerValue, { maxKeys: 5 }),
      fc.option(headerValue, { nil: undefined }),
      fc.boolean(),
      (req, custom, svarTil, redelivered) => {
        const headers: Record<string, string> = { ...req };
        for (const [k, v] of Object.entries(custom)) headers[`egendefinert-header.${k}`] = v;
        if (svarTil !== undefined) headers['svar-til'] = svarTil;
        const asBuffers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
        const a = parseDeliveryHeaders(raw(headers, { redelivered }));
        const b = parseDeliveryHeaders(raw(asBuffers, { redelivered }));
        assert.equal(a, b);
        assert.is(a.meldingId, req['melding-id']);
        assert.is(a.svarPaMelding, svarTil);
        assert.is(a.resendt, redelivered);
        assert.equal({ ...a.headere }, { ...custom });
      },
    ),
  );
});

test('property: never throws anything but HEADER_MISSING on arbitrary header tables', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
      (headers) => {
        try {
          parseDeliveryHeaders(raw(headers));
        } catch (error) {
          assert.ok(isFiksError(error, 'HEADER_MISSING'));
        }
      },
    ),
  );
});

test.run();
