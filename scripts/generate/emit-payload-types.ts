import { compile } from 'json-schema-to-typescript';
import type { ProtocolVersionSpec } from '../../sdk/src/protocol-spec/index.js';
import { generatedBanner } from './generated-banner.js';
import { payloadTypeName } from './payload-type-name.js';

const ROOT_NAME = 'GeneratedPayloadsRoot';

/** The payload types of one protocol version: the interface name per message type that has a payload. */
export function payloadTypesOf(
  spec: ProtocolVersionSpec,
): { type: string; name: string; schemaId: string }[] {
  const catalogue = spec.catalogue;
  if (catalogue === undefined) return [];
  return catalogue.meldingstyper
    .filter((t) => t.harPayload)
    .map((t) => ({
      type: t.id,
      name: payloadTypeName(catalogue.protokollnavn, t.id),
      schemaId: `${t.id}.schema.json`,
    }));
}

/** The module file name (without folder) that holds one protocol version's payload types. */
export function payloadTypesModuleName(spec: ProtocolVersionSpec): string {
  return `${spec.protocol}.${spec.version}.ts`;
}

/**
 * Emits the payload interfaces of one protocol version with json-schema-to-typescript. All message
 * schemas are compiled together (as properties of one synthetic root that is dropped again), so
 * a shared definition is declared once; `$ref`s resolve against the version's own schemas in memory.
 */
export async function emitPayloadTypes(spec: ProtocolVersionSpec): Promise<string> {
  const payloads = payloadTypesOf(spec);
  const schemas = new Map(spec.schemas.map((s) => [s.fileName, s.schema]));
  const nameById = new Map(payloads.map((p) => [p.schemaId, p.name]));
  for (const p of payloads)
    if (!schemas.has(p.schemaId)) throw new Error(`${spec.path}: ${p.type} has no schemas/${p.schemaId}`);

  const root = {
    title: ROOT_NAME,
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(payloads.map((p) => [p.type, { $ref: p.schemaId }])),
  };
  const fileNameOf = (url: string) => decodeURIComponent(url.split(/[\\/]/).at(-1) ?? url);
  const body = await compile(root as never, ROOT_NAME, {
    bannerComment: '',
    cwd: `/${spec.path}/schemas/`,
    declareExternallyReferenced: true,
    additionalProperties: true,
    strictIndexSignatures: true,
    unknownAny: true,
    format: true,
    style: { singleQuote: true, printWidth: 110, trailingComma: 'all' },
    customName: (schema) => nameById.get(String(schema.$id ?? '')),
    $refOptions: {
      resolve: {
        file: false,
        http: false,
        specs: {
          order: 1,
          canRead: (file: { url: string }) => schemas.has(fileNameOf(file.url)),
          read: (file: { url: string }) => structuredClone(schemas.get(fileNameOf(file.url))),
        },
      },
    } as never,
  });
  const withoutRoot = body.replace(new RegExp(`export interface ${ROOT_NAME} \\{[\\s\\S]*?\\n\\}\\n`), '');
  const sources = ['meldingstyper.json', ...spec.schemas.map((s) => `schemas/${s.fileName}`)];
  return `${generatedBanner(spec.path, sources)}\n${withoutRoot.trim()}\n`;
}
