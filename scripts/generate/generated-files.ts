import type { ProtocolVersionSpec } from '../../sdk/src/protocol-spec/index.js';
import { emitIndex } from './emit-index.js';
import { emitPayloadTypes, payloadTypesModuleName } from './emit-payload-types.js';
import { emitRegistry } from './emit-registry.js';

/**
 * Everything the generator writes, as file path (relative to the output folder, forward slashes)
 * → content. Pure: the same specifications always give the same bytes.
 */
export async function generatedFiles(specs: readonly ProtocolVersionSpec[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const spec of specs) {
    if (spec.catalogue === undefined) continue;
    files.set(`types/${payloadTypesModuleName(spec)}`, await emitPayloadTypes(spec));
  }
  const withCatalogue = specs.filter((s) => s.catalogue !== undefined);
  files.set('registry.ts', emitRegistry(withCatalogue));
  files.set('index.ts', emitIndex(withCatalogue));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
