import { maskFoedselsnumreInText } from './mask-personal-data.js';

/** Characters XML 1.0 cannot hold at all, even escaped: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * `value` as XML character data or an attribute value: personal numbers masked, the five special
 * characters escaped, characters XML cannot hold written as `\uXXXX`, and in attributes tab, LF
 * and CR as character references (so a parser keeps them instead of normalising them to spaces).
 */
export function xmlText(value: string, inAttribute = false): string {
  const escaped = maskFoedselsnumreInText(value)
    .replace(NOT_XML, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
  return inAttribute
    ? escaped.replace(/[\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`)
    : escaped.replace(/\r/g, '&#13;');
}

/** ` name="value"` for each defined attribute, escaped. */
export function xmlAttributes(attributes: Record<string, string | number | undefined>): string {
  return Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlText(String(v), true)}"`)
    .join('');
}
