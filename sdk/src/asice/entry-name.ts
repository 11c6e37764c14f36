import { AsiceError } from './asice-error.js';

const MAX_NAME_LENGTH = 1024;

/**
 * Why a zip entry name is unsafe to extract (absolute, drive letter, backslash, `.`/`..` or empty
 * segments, control characters, overlong), or `undefined` when it is a safe relative path.
 * Directory entries end with one `/`.
 */
export function unsafeEntryNameReason(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > MAX_NAME_LENGTH) return `the name is longer than ${MAX_NAME_LENGTH} characters`;
  if (name.includes('\\')) return 'the name contains a backslash';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the name contains a control character';
  if (name.startsWith('/')) return 'the name is an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'the name starts with a drive letter';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  for (const segment of segments) {
    if (segment === '') return 'the name has an empty path segment';
    if (segment === '.' || segment === '..') return `the name has a "${segment}" path segment`;
  }
  return undefined;
}

/** Whether `name` lies in the container's reserved `META-INF/` folder (case-insensitive). */
export function isMetaInfName(name: string): boolean {
  return name.toLowerCase().startsWith('meta-inf/');
}

/**
 * Throws `UNSAFE_ENTRY_NAME` unless `name` is acceptable as a payload file of a new container:
 * a plain file name at the root, not `mimetype` and not in `META-INF/`.
 */
export function assertPayloadFileName(name: string): void {
  const reason =
    unsafeEntryNameReason(name) ??
    (name.includes('/')
      ? 'payload files live at the root of the container, so "/" is not allowed'
      : undefined) ??
    (name.toLowerCase() === 'mimetype' ? '"mimetype" is reserved for the container type' : undefined) ??
    (name.toLowerCase() === 'meta-inf' ? '"META-INF" is reserved for the container metadata' : undefined);
  if (reason !== undefined)
    throw new AsiceError(
      'UNSAFE_ENTRY_NAME',
      `Payload file name ${JSON.stringify(name)} is not allowed: ${reason}.`,
      {
        details: { name },
      },
    );
}
