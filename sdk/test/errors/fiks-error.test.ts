import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AsiceError } from '../../src/asice/asice-error.js';
import { ClientError } from '../../src/client/client-error.js';
import { ConfigError } from '../../src/config/config-error.js';
import { BerDecodeError } from '../../src/crypto/ber-reader.js';
import { CryptoError } from '../../src/crypto/crypto-error.js';
import type { SdkErrorCode } from '../../src/errors/error-catalogue.js';
import { FiksError, isFiksError } from '../../src/errors/fiks-error.js';
import { FiksHttpError } from '../../src/http/fiks-http-error.js';
import { SendError } from '../../src/http/send-error.js';
import { MaskinportenError } from '../../src/maskinporten/maskinporten-error.js';
import { ProtocolError } from '../../src/protocol/protocol-error.js';
import { ProtocolSpecError } from '../../src/protocol-spec/protocol-spec-error.js';
import { InvalidDigitsError } from '../../src/rules/invalid-digits-error.js';
import { InvalidRuleArgumentError } from '../../src/rules/invalid-rule-argument-error.js';
import { TransportError } from '../../src/transport/transport-error.js';

const cause = new Error('underlying');
const made: ReadonlyArray<[string, FiksError]> = [
  ['AsiceError', new AsiceError('DIGEST_MISMATCH', 'm', { cause, details: { entry: 'a.xml' } })],
  ['ClientError', new ClientError('CLIENT_CLOSED', 'm', { cause, details: { entry: 'a.xml' } })],
  ['ConfigError', new ConfigError('CONFIG_INVALID', 'm', { cause, details: { entry: 'a.xml' } })],
  ['CryptoError', new CryptoError('KEY_INVALID', 'm', { cause, details: { entry: 'a.xml' } })],
  [
    'MaskinportenError',
    new MaskinportenError('MASKINPORTEN_GRANT_REFUSED', 'm', { cause, details: { entry: 'a.xml' } }),
  ],
  ['ProtocolError', new ProtocolError('DEADLINE_EXCEEDED', 'm', { cause, details: { entry: 'a.xml' } })],
  [
    'ProtocolSpecError',
    new ProtocolSpecError('PROTOCOL_SPEC_NOT_FOUND', 'm', { cause, details: { entry: 'a.xml' } }),
  ],
  ['TransportError', new TransportError('CONSUMER_CLOSED', 'm', { cause, details: { entry: 'a.xml' } })],
  ['FiksHttpError', new FiksHttpError('HTTP_UNAUTHORIZED', 'm', { cause, details: { entry: 'a.xml' } })],
  ['SendError', new SendError('SEND_UNAUTHORIZED', 'm', { cause, details: { entry: 'a.xml' } })],
];

for (const [className, error] of made) {
  test(`${className} is named after its class and keeps code, message, cause and details`, () => {
    assert.ok(error instanceof FiksError);
    assert.is(error.name, className);
    assert.is(String(error), `${className} [${error.code}]: m`);
    assert.is(error.cause, cause);
    assert.equal(error.details, { entry: 'a.xml' });
  });
}

test('subclasses with their own constructors are named after their class too', () => {
  assert.is(new BerDecodeError('short', 4).name, 'BerDecodeError');
  assert.is(new BerDecodeError('short', 4).code, 'BER_TRUNCATED');
  assert.is(new InvalidDigitsError('account', '11 digits', 3).name, 'InvalidDigitsError');
  assert.is(new InvalidRuleArgumentError('days', 'positive', -1).name, 'InvalidRuleArgumentError');
});

test("a subclass's code is typed as its own codes, and isFiksError narrows it to the catalogue's codes", () => {
  // @ts-expect-error: a TransportError code is not a ConfigError code
  assert.is(new ConfigError('CONSUMER_CLOSED', 'm').code, 'CONSUMER_CLOSED');
  const config: 'CONFIG_INVALID' | 'CONFIG_FILE_UNREADABLE' | 'CONFIG_KEY_INVALID' = new ConfigError(
    'CONFIG_KEY_INVALID',
    'm',
  ).code;
  assert.is(config, 'CONFIG_KEY_INVALID');
  const caught: unknown = new TransportError('CONSUMER_CLOSED', 'm');
  if (isFiksError(caught, 'CONSUMER_CLOSED')) {
    const code: SdkErrorCode = caught.code;
    // @ts-expect-error: the narrowed code is a catalogue code, not any
    const notANumber: number = caught.code;
    assert.is(code, notANumber);
  } else assert.unreachable('a TransportError with that code is not recognised');
});

test.run();
