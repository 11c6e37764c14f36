import { readFileSync } from 'node:fs';
import { isCalendarDate } from '@fiks-faktura/sdk';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import { DEFAULT_ERP_CONFIG, type ErpConfig } from './erp-config.js';
import { validateLifecycleConfig } from './lifecycle-config.js';

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

function invalid(path: string, expected: string): never {
  throw new ReferenceErpError('CONFIG_INVALID', `Configuration '${path}' must be ${expected}.`, {
    details: { path },
  });
}

function requireCount(value: unknown, path: string): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0) invalid(path, 'a whole number ≥ 0');
}

function requireStrings(value: unknown, path: string): void {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) invalid(path, 'a list of strings');
}

function validate(config: ErpConfig): ErpConfig {
  const { deferral: d, instalments: i, comments: c } = config;
  for (const [key, value] of Object.entries(d)) {
    if (key === 'unsupportedProductTypes') requireStrings(value, `deferral.${key}`);
    else if (!(key === 'hardCeilingOere' && value === null)) requireCount(value, `deferral.${key}`);
  }
  for (const [key, value] of Object.entries(i)) {
    if (key === 'unsupportedProductTypes') requireStrings(value, `instalments.${key}`);
    else requireCount(value, `instalments.${key}`);
  }
  if (i.maxInstalments < 2) invalid('instalments.maxInstalments', 'at least 2');
  requireCount(c.maxPerPayerPerDay, 'comments.maxPerPayerPerDay');
  requireStrings(c.disputingCategories, 'comments.disputingCategories');
  if (typeof c.fallbackUnit !== 'string' || c.fallbackUnit === '')
    invalid('comments.fallbackUnit', 'a unit id');
  if (!isPlainObject(c.routing) || !Object.values(c.routing).every((v) => typeof v === 'string')) {
    invalid('comments.routing', 'an object of product type → unit id');
  }
  requireCount(c.responseBankingDays.default, 'comments.responseBankingDays.default');
  for (const [unit, days] of Object.entries(c.responseBankingDays.perUnit ?? {})) {
    requireCount(days, `comments.responseBankingDays.perUnit.${unit}`);
  }
  requireCount(config.reminderMinDaysAfterDueDate, 'reminderMinDaysAfterDueDate');
  if (!['refuse', 'omitRate'].includes(config.lateInterestBeyondTable))
    invalid('lateInterestBeyondTable', "'refuse' or 'omitRate'");
  const rates = config.lateInterestRates;
  if (!Array.isArray(rates) || rates.length === 0) invalid('lateInterestRates', 'a non-empty list');
  rates.forEach((rate, index) => {
    const path = `lateInterestRates[${index}]`;
    if (!isCalendarDate(rate?.fraDato)) invalid(`${path}.fraDato`, 'a YYYY-MM-DD date');
    if (typeof rate.rentesatsProsent !== 'number' || !(rate.rentesatsProsent >= 0)) {
      invalid(`${path}.rentesatsProsent`, 'a number ≥ 0');
    }
    const previous = rates[index - 1];
    if (previous && previous.fraDato >= rate.fraDato)
      invalid(`${path}.fraDato`, 'later than the entry before it');
  });
  validateLifecycleConfig(config, invalid);
  return config;
}

/** The defaults with `overrides` merged in (objects merged key by key, lists replaced), validated. */
export function resolveErpConfig(overrides: ErpConfigOverrides | Record<string, unknown> = {}): ErpConfig {
  if (!isPlainObject(overrides)) invalid('(root)', 'a JSON object');
  return validate(merge(DEFAULT_ERP_CONFIG, overrides) as ErpConfig);
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
  return resolveErpConfig(parsed as Record<string, unknown>);
}
