import { AsiceError } from './asice-error.js';

/** An element of the small, safe XML subset manifests are read with. */
export interface XmlElement {
  namespace: string;
  localName: string;
  /** Attributes by their qualified name as written (`URI`, `MimeType`, …). */
  attributes: ReadonlyMap<string, string>;
  children: XmlElement[];
  /** The concatenated character data directly inside this element. */
  text: string;
}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?/y;
const ATTRIBUTE = /([A-Za-z_][A-Za-z0-9_.:-]*)[ \t\r\n]*=[ \t\r\n]*(["'])/y;
/** Longest element name, attribute opening and run of white space inside a tag. */
const MAX_NAME = 200;
const MAX_ATTRIBUTE_OPENING = 300;
const MAX_TAG_SPACE = 1000;
const MAX_DEPTH = 16;

function malformed(message: string): AsiceError {
  return new AsiceError('MANIFEST_MALFORMED', `The ASiC manifest is not acceptable XML: ${message}.`);
}

function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&<]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw malformed('an "&" is not followed by a reference');
    switch (body) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (numeric === null) throw malformed(`the entity "&${body};" is not one of XML's predefined entities`);
    const codePoint = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
    if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      throw malformed(`the character reference "&${body};" is not a valid character`);
    return String.fromCodePoint(codePoint);
  });
}

/**
 * Parses UTF-8 XML text into an element tree, accepting only what manifests need: elements,
 * attributes, character data, CDATA, comments and processing instructions, with namespaces
 * resolved. DTDs (and with them every entity besides the predefined ones) are refused, so there
 * is no entity expansion; nesting depth and element count are bounded.
 */
export function parseManifestXml(text: string, maxElements: number): XmlElement {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Array<{ element: XmlElement; qname: string; scope: Map<string, string> }> = [];
  let root: XmlElement | undefined;
  let elementCount = 0;

  const indexOrFail = (needle: string, from: number, what: string): number => {
    const at = text.indexOf(needle, from);
    if (at < 0) throw malformed(`${what} is not closed`);
    return at;
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const chunk = text.slice(pos, lt < 0 ? text.length : lt);
    if (chunk.length > 0) {
      const top = stack.at(-1);
      if (top === undefined) {
        if (chunk.trim() !== '') throw malformed('there is text outside the root element');
      } else top.element.text += decodeReferences(chunk);
    }
    if (lt < 0) break;
    pos = lt;
    if (text.startsWith('<?', pos)) {
      pos = indexOrFail('?>', pos + 2, 'a processing instruction') + 2;
    } else if (text.startsWith('<!--', pos)) {
      pos = indexOrFail('-->', pos + 4, 'a comment') + 3;
    } else if (text.startsWith('<![CDATA[', pos)) {
      const end = indexOrFail(']]>', pos + 9, 'a CDATA section');
      const top = stack.at(-1);
      if (top === undefined) throw malformed('there is a CDATA section outside the root element');
      top.element.text += text.slice(pos + 9, end);
      pos = end + 3;
    } else if (text.startsWith('<!', pos)) {
      throw malformed('document type declarations (<!DOCTYPE, <!ENTITY) are not allowed');
    } else if (text.startsWith('</', pos)) {
      const end = indexOrFail('>', pos, 'an end tag');
      const qname = text.slice(pos + 2, end).trim();
      const top = stack.pop();
      if (top === undefined || top.qname !== qname)
        throw malformed(`the end tag </${qname}> does not match the open element`);
      pos = end + 1;
    } else {
      pos = parseStartTag(pos + 1);
    }
  }
  if (stack.length > 0) throw malformed(`the element <${stack.at(-1)!.qname}> is not closed`);
  if (root === undefined) throw malformed('there is no root element');
  return root;

  function parseStartTag(from: number): number {
    let at = from;
    NAME.lastIndex = at;
    const nameMatch = NAME.exec(text);
    if (nameMatch === null) throw malformed('a start tag has no valid element name');
    // A longer name leaves name characters where white space or the tag's end must follow.
    const qname = nameMatch[0].slice(0, MAX_NAME);
    at += qname.length;
    const rawAttributes = new Map<string, string>();
    for (;;) {
      const spaceStart = at;
      for (let code = text.charCodeAt(at); at - spaceStart < MAX_TAG_SPACE; code = text.charCodeAt(at)) {
        if (code !== 0x20 && code !== 0x09 && code !== 0x0d && code !== 0x0a) break;
        at++;
      }
      const hadSpace = at > spaceStart;
      if (text.startsWith('/>', at) || text.startsWith('>', at)) break;
      if (!hadSpace) throw malformed(`the start tag <${qname}> is malformed`);
      ATTRIBUTE.lastIndex = at;
      const attributeMatch = ATTRIBUTE.exec(text);
      if (attributeMatch === null || attributeMatch[0].length > MAX_ATTRIBUTE_OPENING)
        throw malformed(`the start tag <${qname}> has a malformed attribute`);
      const [whole, name, quote] = attributeMatch as unknown as [string, string, string];
      const valueStart = at + whole.length;
      const valueEnd = indexOrFail(quote, valueStart, 'an attribute value');
      const raw = text.slice(valueStart, valueEnd);
      if (raw.includes('<')) throw malformed(`the attribute ${name} contains "<"`);
      if (rawAttributes.has(name)) throw malformed(`the attribute ${name} appears twice on <${qname}>`);
      rawAttributes.set(name, decodeReferences(raw));
      at = valueEnd + 1;
    }
    const selfClosing = text.startsWith('/>', at);
    at += selfClosing ? 2 : 1;

    const parent = stack.at(-1);
    if (parent === undefined && root !== undefined) throw malformed('there is more than one root element');
    if (stack.length >= MAX_DEPTH) throw malformed(`elements are nested deeper than ${MAX_DEPTH}`);
    if (++elementCount > maxElements) throw malformed(`there are more than ${maxElements} elements`);

    // Scopes are shared with the parent until an element declares a namespace.
    let scope = parent?.scope ?? new Map<string, string>();
    const attributes = new Map<string, string>();
    for (const [name, value] of rawAttributes) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (scope === parent?.scope) scope = new Map(scope);
        scope.set(name === 'xmlns' ? '' : name.slice(6), value);
      } else attributes.set(name, value);
    }
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const namespace = scope.get(prefix);
    if (namespace === undefined && prefix !== '') throw malformed(`the prefix "${prefix}" is not declared`);
    const element: XmlElement = {
      namespace: namespace ?? '',
      localName: colon < 0 ? qname : qname.slice(colon + 1),
      attributes,
      children: [],
      text: '',
    };
    if (parent === undefined) root = element;
    else parent.element.children.push(element);
    if (!selfClosing) stack.push({ element, qname, scope });
    return at;
  }
}
