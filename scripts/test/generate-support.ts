// Builds in-memory protocol versions for the generator's table tests.
import type { MessageTypeSpec, ProtocolVersionSpec, SpecFile } from '../../sdk/src/protocol-spec/index.js';

const file = (path: string): SpecFile => ({
  path,
  absolutePath: `/${path}`,
  hasBom: false,
  json: {},
  parseError: undefined,
});

/** A catalogue entry with the loader's derived fields filled in. */
export function messageType(
  id: string,
  fields: Partial<Omit<MessageTypeSpec, 'id' | 'kind' | 'isError'>> = {},
): MessageTypeSpec {
  const erSvarPaa = fields.erSvarPaa ?? [];
  return {
    id,
    beskrivelse: '',
    harPayload: true,
    payloadFilnavn: 'payload.json',
    kanSvareMed: [],
    svarfristMs: undefined,
    avsenderRolle: undefined,
    ...fields,
    erSvarPaa,
    kind: erSvarPaa.length > 0 ? 'reply' : 'request',
    isError: id.split('.').includes('feilmelding'),
  };
}

/** A protocol version from a catalogue and schemas (file name → schema) given as data. */
export function protocolVersion(
  protocol: string,
  version: string,
  meldingstyper: MessageTypeSpec[],
  schemas: Record<string, Record<string, unknown>>,
): ProtocolVersionSpec {
  const path = `${protocol}/${version}`;
  return {
    protocol,
    version,
    path,
    absolutePath: `/${path}`,
    catalogue: {
      file: file(`${path}/meldingstyper.json`),
      protokollnavn: protocol,
      versjon: version,
      meldingstyper,
    },
    schemas: Object.entries(schemas).map(([fileName, schema]) => ({
      fileName,
      file: file(`${path}/schemas/${fileName}`),
      schema: { $id: fileName, ...schema },
    })),
    codeLists: [],
    examples: [],
    invalidExampleIndexes: [],
    files: [],
    problems: [],
  };
}
