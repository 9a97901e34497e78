/**
 * Just enough XML for XMP packets, without DOMParser (absent in workers and Node): a scanner
 * that lists elements with their source offsets and refuses anything unbalanced, so the merge
 * in xmp-packet.ts can splice the original text and leave every byte it does not own alone.
 */

export interface XmlAttribute {
  name: string;
  /** Raw (still escaped) value. */
  raw: string;
  /** Offsets of the whole attribute in the packet text, including its leading whitespace. */
  start: number;
  end: number;
}

export interface XmlElement {
  name: string;
  attributes: XmlAttribute[];
  /** Offset of '<' of the start tag. */
  start: number;
  /** Offset just after the start tag's '>'. */
  openEnd: number;
  /** Offset of the end tag's '<' (equals end for an empty element). */
  closeStart: number;
  /** Offset just after the element (its end tag, or the '/>' of an empty element). */
  end: number;
  parent: XmlElement | null;
  children: XmlElement[];
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/**
 * The elements of `text`, in document order, or null when it is not well-formed enough to edit
 * safely: an unclosed tag, a mismatched end tag, an unterminated comment, CDATA or attribute.
 */
export function scanXml(text: string): XmlElement[] | null {
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  let at = 0;
  for (;;) {
    const lt = text.indexOf('<', at);
    if (lt < 0) break;
    const skip = skippable(text, lt);
    if (skip !== undefined) {
      if (skip < 0) return null;
      at = skip;
      continue;
    }
    if (text[lt + 1] === '/') {
      const gt = text.indexOf('>', lt);
      const top = open.pop();
      if (gt < 0 || !top || text.slice(lt + 2, gt).trim() !== top.name) return null;
      top.closeStart = lt;
      top.end = gt + 1;
      at = gt + 1;
      continue;
    }
    const tag = scanStartTag(text, lt);
    if (!tag) return null;
    const parent = open.at(-1) ?? null;
    // Spelled out, not spread: a spread literal made every element a slow dictionary object.
    const element: XmlElement = { name: tag.name, attributes: tag.attributes, start: lt, openEnd: tag.openEnd, closeStart: tag.openEnd, end: tag.openEnd, parent, children: [] };
    parent?.children.push(element);
    elements.push(element);
    if (!tag.selfClosing) open.push(element);
    at = tag.openEnd;
  }
  return open.length ? null : elements;
}

/** Where a comment, processing instruction, CDATA or doctype ends; -1 when it never does. */
function skippable(text: string, lt: number): number | undefined {
  const until = (close: string, from: number) => {
    const found = text.indexOf(close, from);
    return found < 0 ? -1 : found + close.length;
  };
  if (text.startsWith('<!--', lt)) return until('-->', lt + 4);
  if (text.startsWith('<![CDATA[', lt)) return until(']]>', lt + 9);
  if (text.startsWith('<?', lt)) return until('?>', lt + 2);
  if (text.startsWith('<!', lt)) return until('>', lt + 2);
  return undefined;
}

function scanStartTag(text: string, lt: number): { name: string; attributes: XmlAttribute[]; openEnd: number; selfClosing: boolean } | null {
  const name = NAME.exec(text.slice(lt + 1, lt + 201))?.[0];
  if (!name) return null;
  const attributes: XmlAttribute[] = [];
  let at = lt + 1 + name.length;
  for (;;) {
    ATTRIBUTE.lastIndex = at;
    const match = ATTRIBUTE.exec(text);
    if (!match) break;
    attributes.push({ name: match[1] as string, raw: match[2] ?? match[3] ?? '', start: at, end: ATTRIBUTE.lastIndex });
    at = ATTRIBUTE.lastIndex;
  }
  while (at < text.length && /\s/.test(text[at] as string)) at++;
  if (text.startsWith('/>', at)) return { name, attributes, openEnd: at + 2, selfClosing: true };
  if (text[at] === '>') return { name, attributes, openEnd: at + 1, selfClosing: false };
  return null;
}

/** The namespace URI a prefix is bound to where `element` sits (its own and ancestors' xmlns). */
export function namespaceOf(element: XmlElement, prefix: string): string | undefined {
  for (let e: XmlElement | null = element; e; e = e.parent) {
    const declared = e.attributes.find((a) => a.name === `xmlns:${prefix}`);
    if (declared) return unescapeXml(declared.raw);
  }
  return undefined;
}

/** Whether a qualified name (element or attribute, seen from `scope`) is `uri` + `local`. */
export function isName(scope: XmlElement, qualified: string, uri: string, local?: string): boolean {
  const colon = qualified.indexOf(':');
  if (colon < 0) return false;
  if (local !== undefined && qualified.slice(colon + 1) !== local) return false;
  return namespaceOf(scope, qualified.slice(0, colon)) === uri;
}

/** The text content of an element: entities resolved, CDATA unwrapped; undefined if it has child elements. */
export function textOf(text: string, element: XmlElement): string | undefined {
  if (element.children.length) return undefined;
  const inner = text.slice(element.openEnd, element.closeStart);
  let out = '';
  let at = 0;
  for (;;) {
    const cdata = inner.indexOf('<![CDATA[', at);
    if (cdata < 0) break;
    const close = inner.indexOf(']]>', cdata);
    out += unescapeXml(stripMarkup(inner.slice(at, cdata))) + inner.slice(cdata + 9, close);
    at = close + 3;
  }
  return out + unescapeXml(stripMarkup(inner.slice(at)));
}

/** Comments and processing instructions inside a text node are not part of its value. */
function stripMarkup(raw: string): string {
  return raw.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, '');
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[entity] ?? whole;
  });
}

/**
 * Text as XML character data. Carriage returns and tabs become references because parsers
 * normalise literal ones; other control characters cannot appear in XML 1.0 at all, so they are
 * dropped (no alt-text needs them).
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"\r\t]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#xD;', '\t': '&#x9;' })[c] as string);
}
