import { FiksError } from '@fiks-faktura/sdk';

/** The stable codes of {@link SuiteError}. */
export type SuiteErrorCode =
  /** A case folder or its `case.json` is unreadable or does not match `case.schema.json`. */
  | 'CASE_INVALID'
  /** Two cases share an id. */
  | 'CASE_DUPLICATE'
  /** A template or assertion names a file the case folder lacks. */
  | 'CASE_FILE_MISSING'
  /** A placeholder is not written in the placeholder grammar. */
  | 'PLACEHOLDER_SYNTAX'
  /** A placeholder names something the fixture ledger, the profile or the data map does not have. */
  | 'PLACEHOLDER_UNKNOWN'
  /** A placeholder's value has the wrong kind for where it is used (e.g. a name in date arithmetic). */
  | 'PLACEHOLDER_TYPE'
  /** The profile file is unreadable or does not match `profile.schema.json`. */
  | 'PROFILE_INVALID'
  /** The data map file is unreadable or does not match `data-map.schema.json`. */
  | 'DATA_MAP_INVALID'
  /** A `requires` condition names a profile value that does not exist. */
  | 'REQUIREMENT_INVALID';

/**
 * Every error of the conformance suite (loading cases, profile and data map; resolving
 * placeholders). The message names the case, file or placeholder at fault.
 */
export class SuiteError extends FiksError<SuiteErrorCode> {}
