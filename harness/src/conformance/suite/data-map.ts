import { readFileSync } from 'node:fs';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { fixtureLedger } from './resolved-ledger.js';
import { describeSchemaErrors, suiteSchemaValidator } from './schema-validator.js';
import { SuiteError } from './suite-error.js';

/**
 * A vendor's mapping of the fixture ledger to its own test data
 * (`protocols/conformance/data-map.schema.json`); anything not mapped keeps the fixture's value.
 */
export interface DataMap {
  kommunenummer?: string;
  payers?: Record<string, { foedselsnummer: string } | { organisasjonsnummer: string }>;
  invoices?: Record<string, { fakturanummer?: string; kid?: string; kontonummer?: string }>;
  units?: Record<string, { enhetId: string; enhetNavn?: string }>;
}

/**
 * The data map at `path`, validated against its schema (undefined when no path is given).
 * Throws `DATA_MAP_INVALID` listing every schema error.
 */
export function loadDataMap(path?: string): DataMap | undefined {
  if (path === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SuiteError(
      'DATA_MAP_INVALID',
      `data map ${path} is not readable JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return validateDataMap(json, path);
}

/** Checks a parsed data map against the schema; `DATA_MAP_INVALID` lists every error. */
export function validateDataMap(json: unknown, source = 'data map'): DataMap {
  const validate = suiteSchemaValidator(protocolsRoot, 'data-map');
  if (!validate(json)) {
    const problems = describeSchemaErrors(validate.errors);
    throw new SuiteError(
      'DATA_MAP_INVALID',
      `${source} does not match data-map.schema.json: ${problems.join('; ')}`,
      {
        details: { problems },
      },
    );
  }
  const {
    $schema: _s,
    beskrivelse: _b,
    ...map
  } = json as DataMap & { $schema?: string; beskrivelse?: string };
  const ledger = fixtureLedger();
  const known = {
    payers: new Set(ledger.betalere.map((p) => p.id)),
    invoices: new Set(ledger.fakturaer.map((f) => f.fakturanummer)),
    units: new Set(ledger.enheter.map((u) => u.enhetId)),
  };
  const problems = (['payers', 'invoices', 'units'] as const).flatMap((section) =>
    Object.keys(map[section] ?? {})
      .filter((key) => !known[section].has(key))
      .map((key) => `/${section}/${key} is not in the fixture ledger`),
  );
  if (problems.length > 0) {
    throw new SuiteError(
      'DATA_MAP_INVALID',
      `${source} maps what the fixture ledger lacks: ${problems.join('; ')}`,
      {
        details: { problems },
      },
    );
  }
  return map;
}
