import {
  isValidFoedselsnummer,
  isValidKidMod10,
  isValidKontonummer,
  isValidOrganisasjonsnummer,
} from '@fiks-faktura/sdk';

/** An identifier whose check digits rule 1 of every invoice protocol checks. */
export interface IdentifierRule {
  /** The identifier's name in the schemas (`$defs` of `felles.identifikatorer`) and in payloads. */
  readonly name: string;
  /** How its check digits are computed, for titles. */
  readonly checkDigit: string;
  readonly valid: (value: string) => boolean;
}

/**
 * Rule 1 of the protocol READMEs: the identifiers whose check digits the schema cannot express.
 * A payload field is such an identifier when its schema is the `$defs` entry of that name (or,
 * failing a `$ref`, when the property has that name).
 */
const IDENTIFIER_RULES: readonly IdentifierRule[] = [
  { name: 'foedselsnummer', checkDigit: 'MOD11', valid: isValidFoedselsnummer },
  { name: 'organisasjonsnummer', checkDigit: 'MOD11', valid: isValidOrganisasjonsnummer },
  { name: 'kontonummer', checkDigit: 'MOD11', valid: isValidKontonummer },
  { name: 'kid', checkDigit: 'MOD10', valid: isValidKidMod10 },
];

/** The rule-1 identifier called `name`, or undefined. */
export function identifierRule(name: string | undefined): IdentifierRule | undefined {
  return IDENTIFIER_RULES.find((r) => r.name === name);
}
