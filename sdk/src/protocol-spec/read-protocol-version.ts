import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type {
  CatalogueSpec,
  CodeListSpec,
  ExampleSpec,
  InvalidExampleEntry,
  InvalidExampleIndexSpec,
  MessageTypeSpec,
  ProtocolVersionSpec,
  SchemaSpec,
  SpecFile,
  SpecProblem,
} from './protocol-spec-model.js';
import { readSpecFile } from './read-spec-file.js';
import { type SpecFileKind, specFileShapeErrors } from './spec-file-shapes.js';

const CATALOGUE_FILE = 'meldingstyper.json';
const INVALID_INDEX_FILE = 'index.json';

function jsonFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && statSync(join(dir, name)).isFile())
    .sort();
}

function subdirectoriesOf(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort();
}

function toMessageType(raw: Record<string, unknown>): MessageTypeSpec {
  const id = String(raw['id']);
  const erSvarPaa = (raw['erSvarPaa'] as string[] | undefined) ?? [];
  return {
    id,
    beskrivelse: String(raw['beskrivelse'] ?? ''),
    harPayload: raw['harPayload'] === true,
    payloadFilnavn: raw['payloadFilnavn'] as string | undefined,
    kanSvareMed: (raw['kanSvareMed'] as string[] | undefined) ?? [],
    erSvarPaa,
    svarfristMs: raw['svarfristMs'] as number | undefined,
    avsenderRolle: raw['avsenderRolle'] as MessageTypeSpec['avsenderRolle'],
    kind: erSvarPaa.length > 0 ? 'reply' : 'request',
    isError: id.split('.').includes('feilmelding'),
  };
}

/**
 * Reads one protocol version folder (`<root>/<protocol>/<vN>/`) without throwing on content
 * errors: files that are not valid JSON or have the wrong shape are listed in `problems` and
 * left out of the model. Unknown sub-folders are ignored.
 */
export function readProtocolVersion(root: string, absolutePath: string): ProtocolVersionSpec {
  const path = relative(root, absolutePath).split(sep).join('/');
  const [protocol = '', version = ''] = path.split('/');
  const files: SpecFile[] = [];
  const problems: SpecProblem[] = [];

  /** Reads a file, records it, and returns its JSON when it parses and has the expected shape. */
  const read = (file: string, kind?: SpecFileKind): { spec: SpecFile; json: unknown } | undefined => {
    const spec = readSpecFile(root, file);
    files.push(spec);
    if (spec.parseError !== undefined) {
      problems.push({ file: spec.path, code: 'JSON_INVALID', message: `not valid JSON: ${spec.parseError}` });
      return undefined;
    }
    if (kind !== undefined) {
      const errors = specFileShapeErrors(kind, spec.json);
      if (errors.length > 0) {
        const code = { catalogue: 'CATALOGUE_INVALID', codeList: 'CODE_LIST_INVALID' }[
          kind as 'catalogue' | 'codeList'
        ];
        problems.push({
          file: spec.path,
          code: code ?? 'INVALID_EXAMPLE_INDEX_INVALID',
          message: `unexpected shape: ${errors.join('; ')}`,
        });
        return undefined;
      }
    }
    return { spec, json: spec.json };
  };

  let catalogue: CatalogueSpec | undefined;
  const catalogueFile = join(absolutePath, CATALOGUE_FILE);
  if (existsSync(catalogueFile)) {
    const result = read(catalogueFile, 'catalogue');
    if (result !== undefined) {
      const raw = result.json as Record<string, unknown>;
      catalogue = {
        file: result.spec,
        protokollnavn: raw['protokollnavn'] as string,
        versjon: raw['versjon'] as string,
        meldingstyper: (raw['meldingstyper'] as Record<string, unknown>[]).map(toMessageType),
      };
    }
  } else {
    problems.push({ file: path, code: 'CATALOGUE_MISSING', message: `${CATALOGUE_FILE} is missing` });
  }

  const schemas: SchemaSpec[] = [];
  const schemaDir = join(absolutePath, 'schemas');
  for (const fileName of jsonFilesIn(schemaDir)) {
    const result = read(join(schemaDir, fileName));
    if (result === undefined) continue;
    if (typeof result.json !== 'object' || result.json === null || Array.isArray(result.json)) {
      problems.push({
        file: result.spec.path,
        code: 'SCHEMA_INVALID',
        message: 'a schema must be an object',
      });
      continue;
    }
    schemas.push({ fileName, file: result.spec, schema: result.json as Record<string, unknown> });
  }

  const codeLists: CodeListSpec[] = [];
  const codeListDir = join(absolutePath, 'kodelister');
  for (const fileName of jsonFilesIn(codeListDir)) {
    const result = read(join(codeListDir, fileName), 'codeList');
    if (result === undefined) continue;
    codeLists.push({
      fileName,
      file: result.spec,
      ...(result.json as Omit<CodeListSpec, 'fileName' | 'file'>),
    });
  }

  const examples: ExampleSpec[] = [];
  const invalidExampleIndexes: InvalidExampleIndexSpec[] = [];
  const exampleDir = join(absolutePath, 'examples');
  for (const messageType of subdirectoriesOf(exampleDir)) {
    const validDir = join(exampleDir, messageType);
    for (const fileName of jsonFilesIn(validDir)) {
      const result = read(join(validDir, fileName));
      if (result !== undefined)
        examples.push({ messageType, fileName, file: result.spec, expectValid: true });
    }
    const invalidDir = join(validDir, 'invalid');
    for (const fileName of jsonFilesIn(invalidDir)) {
      if (fileName === INVALID_INDEX_FILE) {
        const result = read(join(invalidDir, fileName), 'invalidExampleIndex');
        if (result !== undefined)
          invalidExampleIndexes.push({
            messageType,
            file: result.spec,
            entries: result.json as InvalidExampleEntry[],
          });
        continue;
      }
      const result = read(join(invalidDir, fileName));
      if (result !== undefined)
        examples.push({ messageType, fileName, file: result.spec, expectValid: false });
    }
  }

  return {
    protocol,
    version,
    path,
    absolutePath,
    catalogue,
    schemas,
    codeLists,
    examples,
    invalidExampleIndexes,
    files,
    problems,
  };
}

/** The version folders (`<protocol>/v<N>/`) under a protocols root, sorted; `fixtures` is skipped. */
export function findProtocolVersionDirs(root: string): string[] {
  const dirs: string[] = [];
  for (const protocol of subdirectoriesOf(root)) {
    if (protocol === 'fixtures' || protocol === 'node_modules') continue;
    for (const version of subdirectoriesOf(join(root, protocol)))
      if (/^v\d+$/.test(version)) dirs.push(join(root, protocol, version));
  }
  return dirs;
}
