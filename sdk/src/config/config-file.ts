import type { KeyObject, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readCertificates, readPkcs12, readPrivateKey } from '../crypto/key-material.js';
import { isFiksError } from '../errors/fiks-error.js';
import { readableFieldPath, TOP_LEVEL_FIELD } from '../validation/json-pointer.js';
import { ConfigError } from './config-error.js';
import type { FiksIoEndpoints, FiksIoEnvironment } from './environments.js';
import {
  type CertificateWithKey,
  type ReceiveEndpoint,
  type ResolvedFiksIoConfig,
  resolveFiksIoConfig,
} from './fiks-io-config.js';
import { Secret } from './secret.js';

interface PasswordFields {
  password?: string;
  passwordEnv?: string;
  passwordFile?: string;
}
interface KeySourceFields extends PasswordFields {
  certificate?: string;
  privateKey?: string;
  pkcs12?: string;
}
type PrivateKeyEntry = string | ({ path?: string; pkcs12?: string } & PasswordFields);

/** The JSON config file as described by `fiks-io-config.schema.json`. */
export interface FiksIoConfigFile {
  environment: FiksIoEnvironment;
  endpoints?: Partial<FiksIoEndpoints>;
  kontoId: string;
  integrasjonId: string;
  integrasjonPassord?: string;
  integrasjonPassordEnv?: string;
  integrasjonPassordFile?: string;
  maskinporten: { clientId: string; keyId?: string } & KeySourceFields;
  privateKeys: PrivateKeyEntry[];
  signing?: KeySourceFields;
  /** PEM files of certificates known as signers beside the sending accounts' catalog certificates. */
  trustedSigners?: string[];
  prefetch?: number;
  applicationName?: string;
  receive?: ReceiveEndpoint;
}

let validator: ValidateFunction<FiksIoConfigFile> | undefined;

async function validatorFor(): Promise<ValidateFunction<FiksIoConfigFile>> {
  if (validator === undefined) {
    // `../config/`, not `./`: the path then holds from the bundled `fiks-io` too (sdk/dist/bundle/).
    const schema = JSON.parse(
      await readFile(new URL('../config/fiks-io-config.schema.json', import.meta.url), 'utf8'),
    );
    const ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      strictTypes: false,
    });
    ajv.addKeyword('x-message');
    addFormats.default(ajv);
    validator = ajv.compile<FiksIoConfigFile>(schema);
  }
  return validator;
}

const COMBINATORS = new Set(['if', 'anyOf', 'oneOf', 'not', 'allOf']);

/** The x-message of the subschema an error belongs to, if it has one. */
function customMessage(error: ErrorObject): string | undefined {
  const message = error.parentSchema?.['x-message'];
  return typeof message === 'string' ? message : undefined;
}

/** One readable field and problem for a schema violation. */
function describe(error: ErrorObject): { field: string; problem: string } {
  const field = readableFieldPath(error.instancePath);
  const custom = customMessage(error);
  if (custom !== undefined) return { field, problem: custom };
  if (error.keyword === 'required') {
    const missing = String(error.params['missingProperty']);
    return { field: readableFieldPath(error.instancePath, missing), problem: 'is required' };
  }
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const extra = String(error.params['additionalProperty'] ?? error.params['unevaluatedProperty']);
    return { field: readableFieldPath(error.instancePath, extra), problem: 'is not a known field' };
  }
  if (error.keyword === 'enum')
    return { field, problem: `must be one of ${(error.params['allowedValues'] as unknown[]).join(', ')}` };
  return { field, problem: error.message ?? 'is invalid' };
}

/**
 * Every violation worth reporting, once: an explained one (x-message) stands for the errors of
 * its own branches and for the other errors of its field; bare combinator errors are left out.
 */
function describeAll(errors: ErrorObject[]): { field: string; problem: string }[] {
  // Of several explained errors of one field, the outermost (Ajv reports it last) says it best.
  const explained = errors.filter(
    (e, i) =>
      customMessage(e) !== undefined &&
      (e.instancePath === '' ||
        !errors
          .slice(i + 1)
          .some((later) => later.instancePath === e.instancePath && customMessage(later) !== undefined)),
  );
  const prefixes = explained.map((e) => e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/') + 1));
  const explainedFields = explained.map((e) => e.instancePath).filter((path) => path !== '');
  const kept = errors.filter(
    (e) =>
      explained.includes(e) ||
      (!COMBINATORS.has(e.keyword) &&
        !prefixes.some((prefix) => e.schemaPath.startsWith(prefix)) &&
        !explainedFields.some((path) => e.instancePath === path || e.instancePath.startsWith(`${path}/`))),
  );
  const seen = new Set<string>();
  const problems: { field: string; problem: string }[] = [];
  for (const error of kept.length > 0 ? kept : errors.slice(0, 1)) {
    const problem = describe(error);
    const key = `${problem.field} ${problem.problem}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems.length > 0 ? problems : [{ field: TOP_LEVEL_FIELD, problem: 'is invalid' }];
}

/**
 * Checks a parsed config file object against `fiks-io-config.schema.json`; throws `ConfigError`
 * `CONFIG_INVALID` naming every field that is wrong and its problem, all at once
 * (`details.problems`; `details.field` and `details.problem` hold the first).
 */
export async function validateConfigFile(data: unknown): Promise<FiksIoConfigFile> {
  const validate = await validatorFor();
  if (validate(data)) return data;
  const problems = describeAll(validate.errors ?? []);
  const [first] = problems as [{ field: string; problem: string }];
  const text =
    problems.length === 1
      ? `${first.field} ${first.problem}`
      : `${problems.length} problems: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`;
  throw new ConfigError('CONFIG_INVALID', `Invalid Fiks IO config file: ${text}`, {
    details: { field: first.field, problem: first.problem, problems },
  });
}

class FileContext {
  constructor(
    readonly configPath: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  path(relative: string): string {
    return resolve(dirname(this.configPath), relative);
  }

  async read(field: string, relative: string): Promise<Buffer> {
    const path = this.path(relative);
    try {
      return await readFile(path);
    } catch (cause) {
      throw new ConfigError(
        'CONFIG_FILE_UNREADABLE',
        `Cannot read ${field} (${path}): ${(cause as NodeJS.ErrnoException).code ?? 'read error'}`,
        { cause, details: { field, path } },
      );
    }
  }

  /** The certificates of a PEM file (one or more). */
  async certificates(field: string, relative: string): Promise<X509Certificate[]> {
    const data = await this.read(field, relative);
    try {
      return readCertificates(data);
    } catch (cause) {
      throw new ConfigError('CONFIG_INVALID', `${field} (${this.path(relative)}) holds no PEM certificate`, {
        cause,
        details: { field, path: this.path(relative) },
      });
    }
  }

  async secret(field: string, inline?: string, envName?: string, file?: string): Promise<Secret | undefined> {
    if (inline !== undefined) return new Secret(inline);
    if (envName !== undefined) {
      const value = this.env[envName];
      if (value === undefined)
        throw new ConfigError(
          'CONFIG_INVALID',
          `Invalid Fiks IO config file: ${field}Env names the environment variable ${envName}, which is not set`,
          { details: { field: `${field}Env` } },
        );
      return new Secret(value);
    }
    if (file !== undefined)
      return new Secret((await this.read(`${field}File`, file)).toString('utf8').replace(/\r?\n$/, ''));
    return undefined;
  }

  password(field: string, fields: PasswordFields): Promise<Secret | undefined> {
    return this.secret(`${field}.password`, fields.password, fields.passwordEnv, fields.passwordFile);
  }

  async parse<T>(field: string, relative: string, parse: () => T): Promise<T> {
    try {
      return parse();
    } catch (cause) {
      const reason = isFiksError(cause) ? `${cause.code}: ${cause.message}` : 'unreadable key material';
      throw new ConfigError('CONFIG_KEY_INVALID', `Cannot use ${field} (${this.path(relative)}): ${reason}`, {
        cause,
        details: { field, path: this.path(relative) },
      });
    }
  }

  async pkcs12(field: string, path: string, fields: PasswordFields): Promise<CertificateWithKey> {
    const data = await this.read(`${field}.pkcs12`, path);
    const password = (await this.password(field, fields))?.reveal() ?? '';
    return this.parse(`${field}.pkcs12`, path, () => readPkcs12(data, password));
  }

  async privateKey(field: string, path: string, fields: PasswordFields): Promise<KeyObject> {
    const data = await this.read(field, path);
    const passphrase = (await this.password(field.replace(/\.privateKey$/, ''), fields))?.reveal();
    return this.parse(field, path, () => readPrivateKey(data, passphrase));
  }

  async keySource(field: string, source: KeySourceFields): Promise<CertificateWithKey> {
    if (source.pkcs12 !== undefined) return this.pkcs12(field, source.pkcs12, source);
    const certPath = source.certificate as string;
    const certData = await this.read(`${field}.certificate`, certPath);
    const [certificate, ...chain] = await this.parse<X509Certificate[]>(
      `${field}.certificate`,
      certPath,
      () => readCertificates(certData),
    );
    if (certificate === undefined)
      throw new ConfigError(
        'CONFIG_KEY_INVALID',
        `Cannot use ${field}.certificate: the file holds no certificate`,
        {
          details: { field: `${field}.certificate` },
        },
      );
    const privateKey = await this.privateKey(`${field}.privateKey`, source.privateKey as string, source);
    return { certificate, privateKey, ...(chain.length > 0 ? { chain } : {}) };
  }

  async accountKey(index: number, entry: PrivateKeyEntry): Promise<KeyObject> {
    const field = `privateKeys[${index}]`;
    if (typeof entry === 'string') return this.privateKey(field, entry, {});
    if (entry.pkcs12 !== undefined) return (await this.pkcs12(field, entry.pkcs12, entry)).privateKey;
    return this.privateKey(field, entry.path as string, entry);
  }
}

/**
 * Reads a JSON config file, validates it against `fiks-io-config.schema.json`, reads and parses
 * the key material it points to (relative paths are resolved against the file's folder) and
 * returns the resolved configuration. Throws `ConfigError` (`CONFIG_INVALID`,
 * `CONFIG_FILE_UNREADABLE`, `CONFIG_KEY_INVALID`).
 */
export async function loadConfigFile(
  path: string,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<ResolvedFiksIoConfig> {
  const context = new FileContext(resolve(path), options.env ?? process.env);
  const text = (await context.read('config file', context.configPath)).toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `Invalid Fiks IO config file: ${context.configPath} is not valid JSON (${(cause as Error).message})`,
      { cause, details: { path: context.configPath } },
    );
  }
  const file = await validateConfigFile(data);
  const integrasjonPassord = await context.secret(
    'integrasjonPassord',
    file.integrasjonPassord,
    file.integrasjonPassordEnv,
    file.integrasjonPassordFile,
  );
  const registeredKey = file.maskinporten.certificate === undefined && file.maskinporten.pkcs12 === undefined;
  const maskinporten = registeredKey
    ? {
        privateKey: await context.privateKey(
          'maskinporten.privateKey',
          file.maskinporten.privateKey as string,
          file.maskinporten,
        ),
      }
    : await context.keySource('maskinporten', file.maskinporten);
  const privateKeys = await Promise.all(file.privateKeys.map((entry, i) => context.accountKey(i, entry)));
  const signing = file.signing === undefined ? undefined : await context.keySource('signing', file.signing);
  const trustedSigners = await Promise.all(
    (file.trustedSigners ?? []).map((path, i) => context.certificates(`trustedSigners[${i}]`, path)),
  );
  return resolveFiksIoConfig({
    environment: file.environment,
    ...(file.endpoints === undefined ? {} : { endpoints: file.endpoints }),
    kontoId: file.kontoId,
    integrasjonId: file.integrasjonId,
    integrasjonPassord: integrasjonPassord ?? '',
    maskinporten: {
      clientId: file.maskinporten.clientId,
      ...(file.maskinporten.keyId === undefined ? {} : { keyId: file.maskinporten.keyId }),
      ...maskinporten,
    },
    privateKeys,
    ...(signing === undefined ? {} : { signing }),
    ...(trustedSigners.length === 0 ? {} : { trustedSigners: trustedSigners.flat() }),
    ...(file.prefetch === undefined ? {} : { prefetch: file.prefetch }),
    ...(file.applicationName === undefined ? {} : { applicationName: file.applicationName }),
    ...(file.receive === undefined ? {} : { receive: file.receive }),
  });
}
