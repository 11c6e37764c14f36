import { loadProtocolSpecs } from '@fiks-faktura/sdk';
import type { JudgeContext } from '../model/judge-context.js';

type ProtocolVersionSpec = ReturnType<typeof loadProtocolSpecs>[number];
type CodeList = ProtocolVersionSpec['codeLists'][number];

let defaultSpecs: readonly ProtocolVersionSpec[] | undefined;

/** The specifications to read code lists from: the context's, else the protocols workspace (loaded once). */
function specsOf(context: JudgeContext): readonly ProtocolVersionSpec[] {
  if (context.protocolSpecs !== undefined) return context.protocolSpecs;
  defaultSpecs ??= loadProtocolSpecs();
  return defaultSpecs;
}

/**
 * The code list a protocol version's schemas use for `aarsak.kodeverdi` (the list whose `brukesAv`
 * points at `/properties/kodeverdi` of its `…felles.aarsak` schema), or undefined when the version has none.
 */
export function reasonCodeList(
  context: JudgeContext,
  protocol: string,
  version: string,
): CodeList | undefined {
  const spec = specsOf(context).find((s) => s.protocol === protocol && s.version === version);
  return spec?.codeLists.find((list) =>
    list.brukesAv.some(
      (use) => use.peker === '/properties/kodeverdi' && use.schema.endsWith('.aarsak.schema.json'),
    ),
  );
}
