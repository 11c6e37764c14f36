import { loadProtocolSpecs, messageTypes } from '@fiks-faktura/sdk';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import type { ErpRequestType } from './erp-protocols.js';

/** `<protocol>/<version>/<list name>` → code → `kodebeskrivelse`, read once from `protocols/`. */
let codeLists: Map<string, Map<string, string>> | undefined;

function loaded(): Map<string, Map<string, string>> {
  if (codeLists === undefined) {
    codeLists = new Map();
    for (const spec of loadProtocolSpecs()) {
      for (const list of spec.codeLists) {
        codeLists.set(
          `${spec.protocol}/${spec.version}/${list.navn}`,
          new Map(list.kodeliste.map((c) => [c.kodeverdi, c.kodebeskrivelse])),
        );
      }
    }
  }
  return codeLists;
}

/**
 * The `kodebeskrivelse` of `code` in the code list `listName` (e.g. `aarsakskoder`) of the protocol
 * version `requestType` belongs to, as `protocols/<protocol>/<version>/kodelister/` says it.
 * Throws `CODE_UNKNOWN` when the list does not hold the code.
 */
export function codeDescription(requestType: ErpRequestType, listName: string, code: string): string {
  const entry = messageTypes.find((e) => e.type === requestType);
  const key = `${entry?.protocol}/${entry?.version}/${listName}`;
  const description = loaded().get(key)?.get(code);
  if (description === undefined)
    throw new ReferenceErpError(
      'CODE_UNKNOWN',
      `The code list ${key} has no code ${code}; add it to the protocol's kodelister or stop using it.`,
      { details: { list: key, code } },
    );
  return description;
}
