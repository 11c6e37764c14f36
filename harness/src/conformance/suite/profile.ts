import { readFileSync } from 'node:fs';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { describeSchemaErrors, suiteSchemaValidator } from './schema-validator.js';
import { SuiteError } from './suite-error.js';

/**
 * The municipality's policy: what the protocol READMEs leave to the municipality
 * (`protocols/conformance/profile.schema.json`). Cases that depend on policy derive their
 * expectations from it.
 */
export interface Profile {
  deferral: {
    maxDaysAfterDueDate: number;
    maxPerPayer: number;
    windowMonths: number;
    autoApprovalMaxOere: number;
    hardCeilingOere: number | null;
    unsupportedProductTypes: string[];
    feeOere: number;
  };
  instalments: {
    minRestOere: number;
    maxInstalments: number;
    minInstalmentOere: number;
    lastDueDateMaxMonths: number;
    unsupportedProductTypes: string[];
    feeOere: number;
  };
  comments: {
    maxPerPayerPerDay: number;
    /** null: no answer date is promised (`forventetSvarInnen` is optional). */
    responseBankingDays: { default: number; perUnit: Record<string, number> } | null;
  };
}

/** Path of the default profile: the reference invoicing system's defaults. */
export const defaultProfilePath = `${protocolsRoot}conformance/default-profile.json`;

/**
 * The profile at `path` (the default profile when undefined), validated against
 * `profile.schema.json`. Throws `PROFILE_INVALID` listing every schema error.
 */
export function loadProfile(path?: string): Profile {
  const file = path ?? defaultProfilePath;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SuiteError(
      'PROFILE_INVALID',
      `profile ${file} is not readable JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return validateProfile(json, file);
}

/** Checks a parsed profile against the schema; `PROFILE_INVALID` lists every error. */
export function validateProfile(json: unknown, source = 'profile'): Profile {
  const validate = suiteSchemaValidator(protocolsRoot, 'profile');
  if (!validate(json)) {
    const problems = describeSchemaErrors(validate.errors);
    throw new SuiteError(
      'PROFILE_INVALID',
      `${source} does not match profile.schema.json: ${problems.join('; ')}`,
      {
        details: { problems },
      },
    );
  }
  const {
    $schema: _s,
    beskrivelse: _b,
    ...profile
  } = json as Profile & { $schema?: string; beskrivelse?: string };
  return profile;
}
