import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

// The shapes of the specification's own files (not of the payloads). Only what the loader needs
// to build its model is required; completeness rules (deadline, role) belong to the protocol lint.

const nonEmptyString = { type: 'string', minLength: 1 };
const stringList = { type: 'array', items: nonEmptyString };

const catalogue = {
  type: 'object',
  required: ['protokollnavn', 'versjon', 'meldingstyper'],
  properties: {
    protokollnavn: nonEmptyString,
    versjon: nonEmptyString,
    meldingstyper: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'beskrivelse', 'harPayload'],
        properties: {
          id: nonEmptyString,
          beskrivelse: { type: 'string' },
          harPayload: { type: 'boolean' },
          payloadFilnavn: nonEmptyString,
          kanSvareMed: stringList,
          erSvarPaa: stringList,
          svarfristMs: { type: 'integer', minimum: 1 },
          avsenderRolle: { enum: ['klient', 'tjener'] },
        },
        if: { properties: { harPayload: { const: true } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
        then: { required: ['payloadFilnavn'] },
      },
    },
  },
};

const codeList = {
  type: 'object',
  required: ['protokollnavn', 'navn', 'versjon', 'kodeliste', 'brukesAv'],
  properties: {
    protokollnavn: nonEmptyString,
    navn: nonEmptyString,
    versjon: nonEmptyString,
    kodeliste: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kodeverdi', 'kodebeskrivelse'],
        properties: { kodeverdi: nonEmptyString, kodebeskrivelse: { type: 'string' } },
      },
    },
    brukesAv: {
      type: 'array',
      items: {
        type: 'object',
        required: ['schema', 'peker'],
        properties: { schema: nonEmptyString, peker: { type: 'string' } },
      },
    },
  },
};

const invalidExampleIndex = {
  type: 'array',
  items: {
    type: 'object',
    required: ['file', 'rule', 'keyword', 'instancePath'],
    properties: {
      file: nonEmptyString,
      rule: { type: 'string' },
      keyword: nonEmptyString,
      instancePath: { type: 'string' },
    },
  },
};

/** The kinds of specification files whose shape is checked on load. */
export type SpecFileKind = 'catalogue' | 'codeList' | 'invalidExampleIndex';

let validators: Record<SpecFileKind, ValidateFunction> | undefined;

/** Returns a list of shape errors (empty when the JSON has the expected shape). */
export function specFileShapeErrors(kind: SpecFileKind, json: unknown): string[] {
  if (validators === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    validators = {
      catalogue: ajv.compile(catalogue),
      codeList: ajv.compile(codeList),
      invalidExampleIndex: ajv.compile(invalidExampleIndex),
    };
  }
  const validate = validators[kind];
  if (validate(json)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
