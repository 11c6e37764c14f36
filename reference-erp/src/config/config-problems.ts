import { describeFoundValue } from '@fiks-faktura/sdk';

/** One thing wrong in an ERP configuration: where, what it must be, and what was found. */
export interface ConfigProblem {
  /** The setting, as `section.key` or `list[0].key`; `(root)` for the whole document. */
  path: string;
  expected: string;
  found: string;
  /** For a key that is no setting: the known one it is probably a misspelling of. */
  didYouMean?: string;
}

/** The value at a `section.key[0].key` path of a configuration object (undefined when absent). */
export function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The problems of one configuration, collected so that all of them are reported at once. */
export class ConfigProblems {
  readonly list: ConfigProblem[] = [];

  constructor(private readonly root: unknown) {}

  /** Records that `path` must be `expected` (what is there is looked up). */
  invalid = (path: string, expected: string): void => {
    this.list.push({ path, expected, found: describeFoundValue(valueAt(this.root, path)) });
  };

  /** Records a key that is not a setting. */
  unknown(path: string, suggestion: string | undefined): void {
    this.list.push({
      path,
      expected: 'absent (no such setting)',
      found: describeFoundValue(valueAt(this.root, path)),
      ...(suggestion === undefined ? {} : { didYouMean: suggestion }),
    });
  }

  /** True when `path` is, or lies under, a key already reported as no setting. */
  isUnder(path: string): boolean {
    return this.list.some(
      (p) => p.expected.startsWith('absent') && (path === p.path || path.startsWith(`${p.path}.`)),
    );
  }

  /** `path: must be expected, found found; …` for every problem. */
  summary(): string {
    return this.list
      .map((p) =>
        p.expected.startsWith('absent')
          ? `${p.path}: unknown setting${p.didYouMean === undefined ? '' : ` (did you mean ${p.didYouMean}?)`}`
          : `${p.path}: must be ${p.expected}, found ${p.found}`,
      )
      .join('; ');
  }
}
