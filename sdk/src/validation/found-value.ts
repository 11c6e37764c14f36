/**
 * A value parsed from JSON, found where something else was expected, in a few words for a one-line message:
 * `nothing`, `null`, `a list of 3`, `an object`, or the JSON of a scalar cut at 40 characters.
 * Every run of 11 digits (a fødselsnummer, or anything that may be one) is masked as `***********`,
 * so a personal id never reaches a message or a log.
 */
export function describeFoundValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value).replace(/\d{11}/g, '***********');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
