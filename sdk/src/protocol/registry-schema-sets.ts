import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { type MessageTypeEntry, messageTypes } from '../generated/registry.js';
import type { SchemaSet } from '../protocol-spec/payload-validator.js';
import { ProtocolSpecError } from '../protocol-spec/protocol-spec-error.js';
import { readSpecFile } from '../protocol-spec/read-spec-file.js';

function schemasOf(root: string, path: string): SchemaSet['schemas'] {
  const dir = join(root, path, 'schemas');
  if (!existsSync(dir))
    throw new ProtocolSpecError('PROTOCOL_SPEC_NOT_FOUND', `No schemas folder at ${dir}`, {
      details: { root, path },
    });
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((fileName) => {
      const file = readSpecFile(root, join(dir, fileName));
      if (typeof file.json !== 'object' || file.json === null || Array.isArray(file.json))
        throw new ProtocolSpecError(
          'PROTOCOL_SPEC_INVALID',
          `${file.path} is not a JSON schema object${file.parseError === undefined ? '' : ` (${file.parseError})`}`,
          { details: { file: file.path } },
        );
      return { fileName, schema: file.json as Record<string, unknown> };
    });
}

/**
 * The schema sets of the generated registry's message types: which types exist and whether they
 * carry a payload come from the registry (never from `meldingstyper.json`), only the schemas are
 * read from `<root>/<protocol>/<version>/schemas/`. Throws `PROTOCOL_SPEC_NOT_FOUND` for a
 * missing schemas folder and `PROTOCOL_SPEC_INVALID` for a schema file that is not a JSON object.
 */
export function registrySchemaSets(
  root: string = protocolsRoot,
  entries: readonly MessageTypeEntry[] = messageTypes,
): SchemaSet[] {
  const byVersion = new Map<string, MessageTypeEntry[]>();
  for (const entry of entries) {
    const path = `${entry.protocol}/${entry.version}`;
    byVersion.set(path, [...(byVersion.get(path) ?? []), entry]);
  }
  return [...byVersion].map(([path, types]) => ({
    path,
    schemas: schemasOf(root, path),
    messageTypes: types.map((t) => ({ id: t.type, harPayload: t.hasPayload })),
  }));
}
