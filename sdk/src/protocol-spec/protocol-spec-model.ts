/** One JSON file of a protocol specification, as read from disk. */
export interface SpecFile {
  /** Path relative to the protocols root, with forward slashes. */
  readonly path: string;
  readonly absolutePath: string;
  /** True when the file starts with a UTF-8 byte order mark (forbidden; it is stripped before parsing). */
  readonly hasBom: boolean;
  /** The parsed JSON; `undefined` when the file is not valid JSON. */
  readonly json: unknown;
  /** The parser's message when the file is not valid JSON. */
  readonly parseError: string | undefined;
}

/** The role that sends a message type: klient (the portal) or tjener (the invoicing system). */
export type AvsenderRolle = 'klient' | 'tjener';

/** One entry of a catalogue (`meldingstyper.json`), with derived `kind` and `isError`. */
export interface MessageTypeSpec {
  readonly id: string;
  readonly beskrivelse: string;
  readonly harPayload: boolean;
  readonly payloadFilnavn: string | undefined;
  readonly kanSvareMed: readonly string[];
  readonly erSvarPaa: readonly string[];
  readonly svarfristMs: number | undefined;
  readonly avsenderRolle: AvsenderRolle | undefined;
  /** `reply` when the type answers another type (`erSvarPaa` not empty), else `request`. */
  readonly kind: 'request' | 'reply';
  /** True for the `…feilmelding.*` error replies. */
  readonly isError: boolean;
}

/** A protocol version's catalogue, `meldingstyper.json`. */
export interface CatalogueSpec {
  readonly file: SpecFile;
  readonly protokollnavn: string;
  readonly versjon: string;
  readonly meldingstyper: readonly MessageTypeSpec[];
}

/** One JSON Schema file under `schemas/`. */
export interface SchemaSpec {
  /** The file name, which is also the schema's `$id` and the name `$ref`s use. */
  readonly fileName: string;
  readonly file: SpecFile;
  readonly schema: Readonly<Record<string, unknown>>;
}

/** One code list under `kodelister/`. */
export interface CodeListSpec {
  readonly fileName: string;
  readonly file: SpecFile;
  readonly protokollnavn: string;
  readonly navn: string;
  readonly versjon: string;
  readonly kodeliste: readonly { readonly kodeverdi: string; readonly kodebeskrivelse: string }[];
  /** Where the list is used: a schema file name and a JSON pointer to the subschema holding the enum. */
  readonly brukesAv: readonly { readonly schema: string; readonly peker: string }[];
}

/** One example payload under `examples/<message type>/` (valid) or `…/invalid/` (invalid). */
export interface ExampleSpec {
  /** The folder name, which should be a message type of the catalogue. */
  readonly messageType: string;
  readonly fileName: string;
  readonly file: SpecFile;
  readonly expectValid: boolean;
}

/** One entry of `examples/<message type>/invalid/index.json`: why an invalid example is invalid. */
export interface InvalidExampleEntry {
  readonly file: string;
  readonly rule: string;
  readonly keyword: string;
  readonly instancePath: string;
}

/** The parsed `invalid/index.json` of one message type. */
export interface InvalidExampleIndexSpec {
  readonly messageType: string;
  readonly file: SpecFile;
  readonly entries: readonly InvalidExampleEntry[];
}

/** A problem found while reading a protocol version (shape errors; the lint adds its own rules). */
export interface SpecProblem {
  /** Path relative to the protocols root. */
  readonly file: string;
  readonly code: string;
  readonly message: string;
}

/** Everything in one protocol version folder, `<protocol>/<vN>/`. */
export interface ProtocolVersionSpec {
  /** The protocol folder name, e.g. `no.ks.fiks.faktura.avdrag`. */
  readonly protocol: string;
  /** The version folder name, e.g. `v1`. */
  readonly version: string;
  /** The folder, relative to the protocols root. */
  readonly path: string;
  readonly absolutePath: string;
  /** `undefined` when `meldingstyper.json` is missing or malformed (see `problems`). */
  readonly catalogue: CatalogueSpec | undefined;
  readonly schemas: readonly SchemaSpec[];
  readonly codeLists: readonly CodeListSpec[];
  readonly examples: readonly ExampleSpec[];
  readonly invalidExampleIndexes: readonly InvalidExampleIndexSpec[];
  /** Every JSON file that was read, including those that could not be parsed. */
  readonly files: readonly SpecFile[];
  readonly problems: readonly SpecProblem[];
}
