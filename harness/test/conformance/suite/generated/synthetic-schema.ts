import { createKidMod10, PayloadValidator, ProtocolCatalog } from '@fiks-faktura/sdk';
import { SchemaSet } from '../../../../src/conformance/suite/generated/schema-set.js';

/** A small protocol version written for the generator's tests: every keyword it knows, in two files. */
export const SYNTHETIC_TYPE = 'no.test.syntetisk.v1.send';
const ROOT = 'no.test.syntetisk.v1.send.schema.json';
const SHARED = 'no.test.syntetisk.v1.felles.schema.json';

const shared = {
  $id: SHARED,
  $defs: {
    uuid: { type: 'string', format: 'uuid' },
    kid: { type: 'string', pattern: '^[0-9]{2,25}$' },
    dato: { type: 'string', format: 'date' },
  },
};

const root = {
  $id: ROOT,
  type: 'object',
  properties: {
    id: { $ref: `${SHARED}#/$defs/uuid` },
    navn: { type: 'string', minLength: 2, maxLength: 5 },
    antall: { type: 'integer', minimum: 1, maximum: 3 },
    farge: { type: 'string', enum: ['ROED', 'BLAA'] },
    liste: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string' } },
    part: {
      type: 'object',
      oneOf: [
        {
          properties: { a: { type: 'string', pattern: '^[0-9]{3}$' } },
          required: ['a'],
          additionalProperties: false,
        },
        {
          properties: { b: { type: 'string', pattern: '^[a-z]{3}$' } },
          required: ['b'],
          additionalProperties: false,
        },
      ],
    },
    kid: { $ref: `${SHARED}#/$defs/kid` },
    betinget: {
      type: 'object',
      properties: { art: { type: 'string', enum: ['X', 'Y'] }, verdi: { type: 'string' } },
      required: ['art'],
      // The same keywords again: each field is still broken once.
      allOf: [{ type: 'object', required: ['art'] }],
      if: { properties: { art: { const: 'X' } } },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword
      then: { required: ['verdi'] },
    },
    dato: { $ref: `${SHARED}#/$defs/dato` },
    // Blanks, a letter more or less: the first ways to break a pattern keep this one valid.
    kode: { type: 'string', pattern: '^[a-z ]+$' },
  },
  required: ['id', 'navn', 'antall', 'betinget'],
};

/** The synthetic version as the SDK reads a protocol version (only what the validator and the generator use). */
export const syntheticSpec = {
  protocol: 'no.test.syntetisk',
  version: 'v1',
  path: 'no.test.syntetisk/v1',
  catalogue: { meldingstyper: [{ id: SYNTHETIC_TYPE, harPayload: true }] },
  schemas: [
    { fileName: ROOT, schema: root },
    { fileName: SHARED, schema: shared },
  ],
} as unknown as ConstructorParameters<typeof PayloadValidator>[0][number];

/** The validator and schemas of the synthetic version, and its root file. */
export function syntheticProtocol(): { catalog: ProtocolCatalog; schemas: SchemaSet; schemaFile: string } {
  return {
    catalog: new ProtocolCatalog(new PayloadValidator([syntheticSpec]), []),
    schemas: new SchemaSet(syntheticSpec),
    schemaFile: ROOT,
  };
}

/** A valid payload of the synthetic type. */
export const syntheticBase = {
  id: '00000000-0000-4000-8000-000000000001',
  navn: 'abc',
  antall: 2,
  farge: 'ROED',
  liste: ['x'],
  part: { a: '123' },
  kid: createKidMod10('1234567'),
  betinget: { art: 'X', verdi: 'v' },
  kode: 'abc',
};
