import { isValidFoedselsnummer } from '../../../sdk/src/rules/foedselsnummer.js';
import { isValidKidMod10 } from '../../../sdk/src/rules/kid.js';
import { isValidKontonummer } from '../../../sdk/src/rules/kontonummer.js';
import { isValidOrganisasjonsnummer } from '../../../sdk/src/rules/organisasjonsnummer.js';
import type { LintContext, LintFinding } from '../lint-context.js';

/** The identifier fields of the fixtures and the check each value must pass, wherever they occur. */
const CHECKS: Record<string, { what: string; valid: (value: string) => boolean }> = {
  foedselsnummer: { what: 'fødselsnummer/D-nummer (MOD11)', valid: isValidFoedselsnummer },
  organisasjonsnummer: { what: 'organisasjonsnummer (MOD11)', valid: isValidOrganisasjonsnummer },
  kontonummer: { what: 'kontonummer (MOD11)', valid: isValidKontonummer },
  kid: { what: 'KID (MOD10)', valid: isValidKidMod10 },
};

function* identifiers(
  value: unknown,
  pointer: string,
): Generator<{ field: string; value: unknown; pointer: string }> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* identifiers(item, `${pointer}/${i}`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const path = `${pointer}/${key}`;
      if (Object.hasOwn(CHECKS, key) && (typeof child === 'string' || typeof child === 'number'))
        yield { field: key, value: child, pointer: path };
      else yield* identifiers(child, path);
    }
  }
}

/**
 * FIXTURE_CHECK_DIGIT: every `foedselsnummer`, `organisasjonsnummer`, `kontonummer` and `kid`
 * anywhere in the fixture files has a valid check digit (the ERP issues MOD10 KIDs only).
 */
export function fixtureCheckDigits(context: LintContext): LintFinding[] {
  return context.fixtures
    .filter((f) => !f.path.endsWith('.schema.json'))
    .flatMap((file) =>
      [...identifiers(file.json, '')].flatMap(({ field, value, pointer }) => {
        const check = CHECKS[field]!;
        return typeof value === 'string' && check.valid(value)
          ? []
          : [
              {
                file: file.path,
                code: 'FIXTURE_CHECK_DIGIT',
                message: `${pointer} ${JSON.stringify(value)} is not a valid ${check.what}`,
              },
            ];
      }),
    );
}
