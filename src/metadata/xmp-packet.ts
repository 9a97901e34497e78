/**
 * The XMP packet as text: reads the IPTC accessibility fields and merges new ones into a
 * packet by splicing its source. Only the two IPTC accessibility properties and the Altscribe
 * namespace's properties are removed; ours go into one new rdf:Description, so every other
 * property keeps its exact bytes. Multiple rdf:Description elements with the same rdf:about are
 * ordinary XMP (exiftool and Adobe's toolkit read them).
 */
import { MetadataError, type AltTextFields, type ReadAltText } from './metadata-error';
import { escapeXml, isName, scanXml, textOf, unescapeXml, type XmlElement } from './xml-scan';

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const IPTC_CORE_NS = 'http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/';
export const ALTSCRIBE_NS = 'https://altscribe.app/ns/1.0/';
const ALT_TEXT = 'AltTextAccessibility';
const EXT_DESCR = 'ExtDescrAccessibility';

const SKELETON =
  '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
  '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n' +
  ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
  ' </rdf:RDF>\n' +
  '</x:xmpmeta>\n' +
  '<?xpacket end="w"?>';

interface LangEntry {
  lang: string;
  text: string;
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** A packet's bytes as text; null unless valid UTF-8 (XMP in JPEG, PNG and WebP must be). */
export function decodePacket(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A packet holding only our fields. */
export function newXmpPacket(fields: AltTextFields): string {
  return mergeXmpPacket(SKELETON, fields);
}

/** `packet` with our fields set and everything else as it was; throws MetadataError 'damaged'. */
export function mergeXmpPacket(packet: string, fields: AltTextFields): string {
  return editPacket(packet, fields, true);
}

/**
 * `packet` without the properties `fields` would replace, for a second packet in the same file:
 * no reader then finds a stale alt-text there. A packet that cannot be parsed is left as it was.
 */
export function stripOwnedProperties(packet: string, fields: AltTextFields): string {
  try {
    return editPacket(packet, fields, false);
  } catch {
    return packet;
  }
}

/** The accessibility fields of a packet; null when absent or when the packet cannot be parsed. */
export function readXmpPacket(packet: string): ReadAltText | null {
  // Most photos' XMP (cameras, Lightroom) has no alt-text: intake then skips the parse.
  if (!packet.includes(ALT_TEXT)) return null;
  const parsed = parsePacket(packet);
  if (!parsed) return null;
  const read = (local: string) => pickEntry(parsed.descriptions.flatMap((d) => propertyEntries(packet, d, local)));
  const alt = read(ALT_TEXT);
  if (!alt) return null;
  const ext = read(EXT_DESCR);
  return { altText: alt.text, lang: alt.lang, ...(ext ? { extendedDescription: ext.text } : {}) };
}

/** The packet encoded, with its trailing padding given up when the container's limit needs it. */
export function encodeWithin(packet: string, maxBytes: number, what: string): Uint8Array {
  const encoder = new TextEncoder();
  let bytes = encoder.encode(packet);
  if (bytes.length > maxBytes) bytes = encoder.encode(packet.replace(/\s+(<\?xpacket end=)/, '\n$1'));
  if (bytes.length > maxBytes) {
    throw new MetadataError('too-large', `The photo's metadata (XMP) would be ${bytes.length} bytes with the alt-text, more than ${what} can hold (${maxBytes} bytes). Use the CSV export for this photo.`);
  }
  return bytes;
}

function parsePacket(packet: string): { root: XmlElement; descriptions: XmlElement[] } | null {
  const elements = scanXml(packet);
  const root = elements?.find((e) => isName(e, e.name, RDF_NS, 'RDF'));
  if (!root) return null;
  return { root, descriptions: root.children.filter((e) => isName(e, e.name, RDF_NS, 'Description')) };
}

function editPacket(packet: string, fields: AltTextFields, insert: boolean): string {
  const parsed = parsePacket(packet);
  if (!parsed || parsed.root.end === parsed.root.openEnd) {
    throw new MetadataError('damaged', "The photo's existing metadata (XMP) cannot be read, so Altscribe will not rewrite it. Use the CSV export for this photo.");
  }
  const owned = (scope: XmlElement, name: string) =>
    isName(scope, name, IPTC_CORE_NS, ALT_TEXT) || (fields.extendedDescription !== undefined && isName(scope, name, IPTC_CORE_NS, EXT_DESCR)) || isName(scope, name, ALTSCRIBE_NS);
  const edits: Edit[] = [];
  const otherLanguages: Record<string, LangEntry[]> = { [ALT_TEXT]: [], [EXT_DESCR]: [] };
  for (const description of parsed.descriptions) {
    const attributes = description.attributes.filter((a) => owned(description, a.name));
    const children = description.children.filter((c) => owned(c, c.name));
    if (!attributes.length && !children.length) continue;
    // An empty extended description removes it in every language; undefined leaves it alone.
    const kept = fields.extendedDescription ? [ALT_TEXT, EXT_DESCR] : [ALT_TEXT];
    for (const local of kept) otherLanguages[local]?.push(...propertyEntries(packet, description, local).filter((e) => !replacedLanguage(e.lang, fields.lang)));
    if (becomesEmpty(packet, description, attributes, children)) {
      edits.push({ start: withLeadingSpace(packet, description.start), end: description.end, replacement: '' });
      continue;
    }
    for (const a of attributes) edits.push({ start: a.start, end: a.end, replacement: '' });
    for (const c of children) edits.push({ start: withLeadingSpace(packet, c.start), end: c.end, replacement: '' });
  }
  if (insert) {
    const rdf = parsed.root.name.slice(0, parsed.root.name.indexOf(':'));
    const about = parsed.descriptions.flatMap((d) => d.attributes.filter((a) => isName(d, a.name, RDF_NS, 'about')))[0]?.raw ?? '';
    const at = withLeadingSpace(packet, parsed.root.closeStart);
    edits.push({ start: at, end: at, replacement: ourDescription(rdf, about, fields, otherLanguages) });
  }
  let out = packet;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
  return out;
}

/** Whether an existing language entry is one that the new text replaces. */
function replacedLanguage(entryLang: string, newLang: string): boolean {
  const lang = entryLang.toLowerCase();
  return lang === 'x-default' || (isLanguageTag(newLang) && lang === newLang.toLowerCase());
}

function isLanguageTag(lang: string): boolean {
  return lang.toLowerCase() !== 'x-default' && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(lang);
}

/** A description left with nothing but its rdf:about and namespace declarations goes entirely. */
function becomesEmpty(packet: string, d: XmlElement, attributes: readonly unknown[], children: readonly XmlElement[]): boolean {
  const keptAttributes = d.attributes.filter((a) => !attributes.includes(a) && !a.name.startsWith('xmlns') && !isName(d, a.name, RDF_NS, 'about'));
  if (keptAttributes.length || children.length !== d.children.length) return false;
  let rest = packet.slice(d.openEnd, d.closeStart);
  for (const c of [...children].reverse()) rest = rest.slice(0, c.start - d.openEnd) + rest.slice(c.end - d.openEnd);
  return rest.trim() === '';
}

function withLeadingSpace(packet: string, start: number): number {
  let at = start;
  while (at > 0 && /[ \t\r\n]/.test(packet[at - 1] as string)) at--;
  return at;
}

/** A property's entries in one description: a language alternative, or a plain value (lang ''). */
function propertyEntries(packet: string, d: XmlElement, local: string): LangEntry[] {
  const entries: LangEntry[] = [];
  for (const a of d.attributes) if (isName(d, a.name, IPTC_CORE_NS, local)) entries.push({ lang: '', text: unescapeXml(a.raw) });
  for (const property of d.children.filter((c) => isName(c, c.name, IPTC_CORE_NS, local))) {
    const alt = property.children.find((c) => isName(c, c.name, RDF_NS, 'Alt'));
    if (!alt) {
      const text = textOf(packet, property);
      if (text !== undefined) entries.push({ lang: '', text });
      continue;
    }
    for (const li of alt.children.filter((c) => isName(c, c.name, RDF_NS, 'li'))) {
      const text = textOf(packet, li);
      const lang = li.attributes.find((a) => a.name === 'xml:lang');
      if (text !== undefined) entries.push({ lang: lang ? unescapeXml(lang.raw) : '', text });
    }
  }
  return entries;
}

/** The x-default entry, named by the language whose entry says the same; else the first; empty ones count as absent. */
function pickEntry(all: LangEntry[]): { text: string; lang: string | null } | null {
  const entries = all.filter((e) => e.text.trim() !== '');
  const fallback = entries.find((e) => e.lang.toLowerCase() === 'x-default') ?? entries[0];
  if (!fallback) return null;
  const named = fallback.lang && fallback.lang.toLowerCase() !== 'x-default' ? fallback : entries.find((e) => e.text === fallback.text && isLanguageTag(e.lang));
  return { text: fallback.text, lang: named ? named.lang : null };
}

function ourDescription(rdf: string, about: string, fields: AltTextFields, otherLanguages: Record<string, LangEntry[]>): string {
  const provenance = fields.provenance;
  const namespaces = ` xmlns:Iptc4xmpCore="${IPTC_CORE_NS}"${provenance ? ` xmlns:altscribe="${ALTSCRIBE_NS}"` : ''}`;
  const lines = [`\n  <${rdf}:Description ${rdf}:about="${about}"${namespaces}>`];
  lines.push(...langAlt(rdf, ALT_TEXT, fields.altText, fields.lang, otherLanguages[ALT_TEXT] ?? []));
  if (fields.extendedDescription) lines.push(...langAlt(rdf, EXT_DESCR, fields.extendedDescription, fields.lang, otherLanguages[EXT_DESCR] ?? []));
  if (provenance) {
    const simple = (name: string, value: string) => `   <altscribe:${name}>${escapeXml(value)}</altscribe:${name}>`;
    lines.push(simple('generator', provenance.generator));
    if (provenance.modelId !== undefined) lines.push(simple('modelId', provenance.modelId));
    lines.push(simple('reviewed', provenance.reviewed ? 'True' : 'False'));
    if (provenance.reviewPriority !== undefined && Number.isFinite(provenance.reviewPriority)) lines.push(simple('reviewPriority', String(provenance.reviewPriority)));
  }
  lines.push(`  </${rdf}:Description>`);
  return lines.join('\n');
}

function langAlt(rdf: string, local: string, text: string, lang: string, others: LangEntry[]): string[] {
  const li = (l: string, t: string) => `     <${rdf}:li xml:lang="${escapeXml(l)}">${escapeXml(t)}</${rdf}:li>`;
  const items = [li('x-default', text), ...(isLanguageTag(lang) ? [li(lang, text)] : [])];
  // Entries in other languages are someone's translations of this description: they stay.
  const seen = new Set<string>();
  for (const other of others) {
    const key = other.lang.toLowerCase();
    if (!isLanguageTag(other.lang) || seen.has(key)) continue;
    seen.add(key);
    items.push(li(other.lang, other.text));
  }
  return [`   <Iptc4xmpCore:${local}>`, `    <${rdf}:Alt>`, ...items, `    </${rdf}:Alt>`, `   </Iptc4xmpCore:${local}>`];
}
