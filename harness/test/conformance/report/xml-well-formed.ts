/** An element read by {@link parseXml}: its name, attributes (decoded), children and text (decoded). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;

/** True for a code point XML 1.0 allows in a document. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * A strict reader of the XML this harness writes (an XML declaration, elements, attributes, text,
 * the five predefined entities and character references; no DTD, comments, CDATA or processing
 * instructions). Throws on anything not well-formed: an illegal character (a lone surrogate
 * included), a raw `<` or `&` in text or attributes, an unknown entity, a duplicate attribute,
 * mismatched tags, more than one root, trailing content.
 */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  for (const ch of xml) {
    if (!isXmlChar(ch.codePointAt(0)!))
      throw new Error(`illegal character U+${ch.codePointAt(0)!.toString(16)}`);
  }
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 30))}`);
  };
  const decode = (raw: string, inAttribute: boolean): string =>
    // A literal tab or line end in an attribute reads as a space; a character reference keeps it.
    (inAttribute ? raw.replace(/[\t\n\r]/g, ' ') : raw).replace(
      /&([^;]*);|[&<]|(["'])/g,
      (whole, entity: string | undefined, quote: string | undefined) => {
        if (quote !== undefined) return whole;
        if (entity === undefined) return fail(`raw ${whole}`);
        const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
        if (entity in named) return named[entity]!;
        const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(entity);
        if (m === null) return fail(`unknown entity &${entity};`);
        const cp = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number(m[2]);
        if (!isXmlChar(cp)) return fail(`reference to an illegal character &${entity};`);
        return String.fromCodePoint(cp);
      },
    );
  const skipSpace = () => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const readName = (): string => {
    const m = NAME.exec(xml.slice(i));
    if (m === null) return fail('name expected');
    i += m[0].length;
    return m[0];
  };
  const readElement = (): XmlElement => {
    if (xml[i] !== '<') fail('< expected');
    i++;
    const element: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return element;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('space expected before an attribute');
      const name = readName();
      if (Object.hasOwn(element.attributes, name)) fail(`duplicate attribute ${name}`);
      skipSpace();
      if (xml[i] !== '=') fail('= expected');
      i++;
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") return fail('quote expected');
      const end = xml.indexOf(quote, i + 1);
      if (end < 0) fail('unterminated attribute');
      element.attributes[name] = decode(xml.slice(i + 1, end), true);
      i = end + 1;
    }
    for (;;) {
      const next = xml.indexOf('<', i);
      if (next < 0) fail(`unclosed <${element.name}>`);
      const raw = xml.slice(i, next);
      if (raw.includes(']]>')) fail(']]> in text');
      element.text += decode(raw, false);
      i = next;
      if (xml.startsWith('</', i)) {
        i += 2;
        if (readName() !== element.name) fail(`</${element.name}> expected`);
        skipSpace();
        if (xml[i] !== '>') fail('> expected');
        i++;
        return element;
      }
      element.children.push(readElement());
    }
  };
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(xml);
  if (declaration !== null) i = declaration[0].length;
  skipSpace();
  const root = readElement();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}
