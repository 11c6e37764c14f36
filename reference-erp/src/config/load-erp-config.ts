import { readFileSync } from 'node:fs';
import { describeFoundValue, isCalendarDate } from '@fiks-faktura/sdk';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import { ConfigProblems } from './config-problems.js';
import { DEFAULT_ERP_CONFIG, type ErpConfig, type LateInterestRate } from './erp-config.js';
import { validateLifecycleConfig } from './lifecycle-config.js';
import { findUnknownSettings } from './unknown-settings.js';

/** A partial configuration: any subset of {@link ErpConfig}, nested objects merged with the defaults. */
export type ErpConfigOverrides = {
  [K in keyof ErpConfig]?: ErpConfig[K] extends unknown[]
    ? ErpConfig[K]
    : Partial<ErpConfig[K]> | ErpConfig[K];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = merge(base[key], value);
  return out;
}

type Invalid = (path: string, expected: string) => void;

function requireCount(invalid: Invalid, value: unknown, path: string): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0) invalid(path, 'a whole number ≥ 0');
}

function requireStrings(invalid: Invalid, value: unknown, path: string): void {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) invalid(path, 'a list of strings');
}

const SECTIONS = ['deferral', 'instalments', 'comments', 'reminders', 'jobs', 'innsyn'] as const;

function checkRates(invalid: Invalid, rates: unknown): void {
  if (!Array.isArray(rates) || rates.length === 0) {
    invalid('lateInterestRates', 'a non-empty list');
    return;
  }
  for (const [index, rate] of (rates as (Partial<LateInterestRate> | null)[]).entries()) {
    const path = `lateInterestRates[${index}]`;
    if (!isPlainObject(rate)) {
      invalid(path, 'an object {fraDato, rentesatsProsent}');
      continue;
    }
    if (!isCalendarDate(rate.fraDato)) invalid(`${path}.fraDato`, 'a YYYY-MM-DD date');
    if (typeof rate.rentesatsProsent !== 'number' || !(rate.rentesatsProsent >= 0))
      invalid(`${path}.rentesatsProsent`, 'a number ≥ 0');
    const previous = rates[index - 1] as Partial<LateInterestRate> | null | undefined;
    if (isCalendarDate(previous?.fraDato) && isCalendarDate(rate.fraDato) && previous.fraDato >= rate.fraDato)
      invalid(`${path}.fraDato`, 'later than the entry before it');
  }
}

/** Records every problem of a merged configuration. */
function check(config: ErpConfig, invalid: Invalid): void {
  const broken = SECTIONS.filter((section) => !isPlainObject(config[section]));
  for (const section of broken) invalid(section, 'an object');
  if (broken.length > 0) return;
  const { deferral: d, instalments: i, comments: c } = config;
  for (const [key, value] of Object.entries(d)) {
    if (key === 'unsupportedProductTypes') requireStrings(invalid, value, `deferral.${key}`);
    else if (!(key === 'hardCeilingOere' && value === null)) requireCount(invalid, value, `deferral.${key}`);
  }
  for (const [key, value] of Object.entries(i)) {
    if (key === 'unsupportedProductTypes') requireStrings(invalid, value, `instalments.${key}`);
    else requireCount(invalid, value, `instalments.${key}`);
  }
  if (Number.isSafeInteger(i.maxInstalments) && i.maxInstalments < 2)
    invalid('instalments.maxInstalments', 'at least 2');
  requireCount(invalid, c.maxPerPayerPerDay, 'comments.maxPerPayerPerDay');
  requireStrings(invalid, c.disputingCategories, 'comments.disputingCategories');
  if (typeof c.fallbackUnit !== 'string' || c.fallbackUnit === '')
    invalid('comments.fallbackUnit', 'a unit id');
  if (!isPlainObject(c.routing) || !Object.values(c.routing).every((v) => typeof v === 'string')) {
    invalid('comments.routing', 'an object of product type → unit id');
  }
  if (isPlainObject(c.responseBankingDays)) {
    requireCount(invalid, c.responseBankingDays.default, 'comments.responseBankingDays.default');
    const perUnit: unknown = c.responseBankingDays.perUnit ?? {};
    if (isPlainObject(perUnit))
      for (const [unit, days] of Object.entries(perUnit))
        requireCount(invalid, days, `comments.responseBankingDays.perUnit.${unit}`);
    else invalid('comments.responseBankingDays.perUnit', 'an object of unit id → banking days');
  } else invalid('comments.responseBankingDays', 'an object {default, perUnit}');
  requireCount(invalid, config.reminderMinDaysAfterDueDate, 'reminderMinDaysAfterDueDate');
  if (!['refuse', 'omitRate'].includes(config.lateInterestBeyondTable))
    invalid('lateInterestBeyondTable', "'refuse' or 'omitRate'");
  checkRates(invalid, config.lateInterestRates);
  validateLifecycleConfig(config, invalid);
}

/**
 * The defaults with `overrides` merged in (objects merged key by key, lists replaced), validated.
 * Throws `CONFIG_INVALID` listing every problem at once: each unknown (misspelt) section or
 * setting, and each value that is not what its setting takes, with what was found.
 */
export function resolveErpConfig(overrides: ErpConfigOverrides | Record<string, unknown> = {}): ErpConfig {
  if (!isPlainObject(overrides))
    throw new ReferenceErpError('CONFIG_INVALID', 'The configuration must be a JSON object.', {
      details: {
        problems: [{ path: '(root)', expected: 'a JSON object', found: describeFoundValue(overrides) }],
      },
    });
  const problems = new ConfigProblems(overrides);
  findUnknownSettings(overrides, DEFAULT_ERP_CONFIG as unknown as Record<string, unknown>, problems);
  const config = merge(DEFAULT_ERP_CONFIG, overrides) as ErpConfig;
  const checked = new ConfigProblems(config);
  check(config, checked.invalid);
  problems.list.push(...checked.list.filter((p) => !problems.isUnder(p.path)));
  if (problems.list.length > 0)
    throw new ReferenceErpError(
      'CONFIG_INVALID',
      `${problems.list.length} problem(s) in the configuration: ${problems.summary()}.`,
      { details: { problems: problems.list } },
    );
  return config;
}

/** Reads a JSON configuration file (any subset of {@link ErpConfig}) and resolves it against the defaults. */
export function loadErpConfig(path: string): ErpConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ReferenceErpError('CONFIG_UNREADABLE', `Cannot read the configuration file '${path}'.`, {
      cause,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ReferenceErpError('CONFIG_INVALID', `The configuration file '${path}' is not valid JSON.`, {
      cause,
    });
  }
  try {
    return resolveErpConfig(parsed as Record<string, unknown>);
  } catch (error) {
    if (!(error instanceof ReferenceErpError) || error.code !== 'CONFIG_INVALID') throw error;
    throw new ReferenceErpError('CONFIG_INVALID', `Configuration file '${path}': ${error.message}`, {
      cause: error,
      details: { ...error.details, path },
    });
  }
}
