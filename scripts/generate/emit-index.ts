import type { ProtocolVersionSpec } from '../../sdk/src/protocol-spec/index.js';
import { payloadTypesModuleName, payloadTypesOf } from './emit-payload-types.js';
import { generatedBanner } from './generated-banner.js';
import { typeImport } from './type-import-statement.js';

/**
 * Emits `index.ts`: the registry, and each payload interface by name (nested types stay in their
 * protocol's module, where names such as `Fakturareferanse` recur per protocol).
 */
export function emitIndex(specs: readonly ProtocolVersionSpec[]): string {
  const payloadExports = specs
    .map((spec) => ({ names: payloadTypesOf(spec).map((p) => p.name), module: payloadTypesModuleName(spec) }))
    .filter((e) => e.names.length > 0)
    .map((e) => typeImport('export', e.names, `./types/${e.module.replace(/\.ts$/, '.js')}`));
  return `${generatedBanner('*/*/meldingstyper.json')}
export {
  type AllowedReplyOf,
  type MessageType,
  type MessageTypeEntry,
  messageTypes,
  type PayloadMap,
  type PayloadOf,
  type ReplyType,
  type RequestType,
} from './registry.js';
${payloadExports.join('\n')}${payloadExports.length > 0 ? '\n' : ''}`;
}
