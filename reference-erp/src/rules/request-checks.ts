import {
  escapePointerSegment,
  isValidFoedselsnummer,
  isValidKidMod10,
  isValidKontonummer,
  isValidOrganisasjonsnummer,
} from '@fiks-faktura/sdk';
import type { FieldProblem } from '../protocol/feilmelding-reply.js';

/** The identifier fields rule 1 of every invoice protocol checks, with their check and wording. */
const IDENTIFIERS: Record<string, { valid: (value: string) => boolean; melding: string }> = {
  foedselsnummer: {
    valid: isValidFoedselsnummer,
    melding: 'Fødselsnummeret eller D-nummeret har feil kontrollsiffer (MOD11) eller er ikke en gyldig dato.',
  },
  organisasjonsnummer: {
    valid: isValidOrganisasjonsnummer,
    melding: 'Organisasjonsnummeret har feil kontrollsiffer (MOD11).',
  },
  kid: { valid: isValidKidMod10, melding: 'KID-nummeret har feil kontrollsiffer (MOD10).' },
  kontonummer: { valid: isValidKontonummer, melding: 'Kontonummeret har feil kontrollsiffer (MOD11).' },
};

/**
 * Rule 1 of every invoice protocol: every `foedselsnummer` (D-numbers and synthetic test numbers
 * included) and `organisasjonsnummer` and `kontonummer` (MOD11) and `kid` (MOD10, as the invoicing
 * system issues them) anywhere in the request has valid check digits. Returns one problem per
 * failing field, `felt` a JSON Pointer (e.g. `/innbygger/foedselsnummer`), in document order.
 */
export function identifierProblems(payload: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const walk = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${pointer}/${index}`);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      const path = `${pointer}/${escapePointerSegment(key)}`;
      const rule = IDENTIFIERS[key];
      if (rule !== undefined && typeof child === 'string') {
        if (!rule.valid(child)) problems.push({ felt: path, melding: rule.melding });
      } else walk(child, path);
    }
  };
  walk(payload, '');
  return problems;
}

/** A file that came beside the payload file in the request's ASiC-E. */
export interface RequestAttachment {
  name: string;
  mimeType: string;
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  content: Buffer;
}

/**
 * Kommentar rule 5: every `vedlegg[i].filnavn` names a file in the same ASiC-E (other than the
 * payload file; `attachments` holds the others) and no name is listed twice. One problem per
 * failing entry, `felt` = `/vedlegg/<i>/filnavn`.
 */
export function attachmentProblems(
  vedlegg: readonly { filnavn: string }[] | undefined,
  attachments: readonly Pick<RequestAttachment, 'name'>[],
): FieldProblem[] {
  const present = new Set(attachments.map((a) => a.name));
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  (vedlegg ?? []).forEach(({ filnavn }, index) => {
    const felt = `/vedlegg/${index}/filnavn`;
    if (seen.has(filnavn))
      problems.push({ felt, melding: `Vedlegget ${filnavn} er oppgitt mer enn én gang.` });
    else if (!present.has(filnavn))
      problems.push({ felt, melding: `Vedlegget ${filnavn} finnes ikke i forsendelsen.` });
    seen.add(filnavn);
  });
  return problems;
}
