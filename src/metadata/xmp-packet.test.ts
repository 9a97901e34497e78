import { describe, expect, it } from 'vitest';
import { TRICKY_TEXT } from './fixtures/container-parts';
import { MetadataError } from './metadata-error';
import { encodeWithin, mergeXmpPacket, newXmpPacket, readXmpPacket, stripOwnedProperties } from './xmp-packet';

/** What exiftool writes (from fixtures/with-xmp.png): separate descriptions, single quotes, fr entry. */
const EXIFTOOL_PACKET = `<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x='adobe:ns:meta/' x:xmptk='Image::ExifTool 12.57'>
<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>

 <rdf:Description rdf:about=''
  xmlns:Iptc4xmpCore='http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/'>
  <Iptc4xmpCore:AltTextAccessibility>
   <rdf:Alt>
    <rdf:li xml:lang='x-default'>A boat in the harbour</rdf:li>
    <rdf:li xml:lang='fr'>Un bateau au port</rdf:li>
   </rdf:Alt>
  </Iptc4xmpCore:AltTextAccessibility>
  <Iptc4xmpCore:ExtDescrAccessibility>
   <rdf:Alt>
    <rdf:li xml:lang='x-default'>Older long text</rdf:li>
   </rdf:Alt>
  </Iptc4xmpCore:ExtDescrAccessibility>
 </rdf:Description>

 <rdf:Description rdf:about=''
  xmlns:dc='http://purl.org/dc/elements/1.1/'>
  <dc:title>
   <rdf:Alt>
    <rdf:li xml:lang='x-default'>Harbour at dawn</rdf:li>
   </rdf:Alt>
  </dc:title>
 </rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end='w'?>`;

const DC_DESCRIPTION = EXIFTOOL_PACKET.slice(EXIFTOOL_PACKET.indexOf(" <rdf:Description rdf:about=''\n  xmlns:dc"), EXIFTOOL_PACKET.indexOf('</rdf:RDF>'));

const count = (text: string, what: string) => text.split(what).length - 1;

describe('a new XMP packet', () => {
  it('reads back exactly what was written, markup, quotes, non-ASCII and newlines included', () => {
    const packet = newXmpPacket({ altText: TRICKY_TEXT, lang: 'en', extendedDescription: `Long: ${TRICKY_TEXT}` });
    expect(readXmpPacket(packet)).toEqual({ altText: TRICKY_TEXT, lang: 'en', extendedDescription: `Long: ${TRICKY_TEXT}` });
    expect(packet).toContain('<rdf:li xml:lang="x-default">A &quot;quoted&quot; &lt;b&gt;sign&lt;/b&gt; &amp;');
  });

  it('writes the language as x-default and as itself, and only x-default for a value that is no language tag', () => {
    expect(count(newXmpPacket({ altText: 'A dog.', lang: 'pt-BR' }), 'xml:lang=')).toBe(2);
    const odd = newXmpPacket({ altText: 'A dog.', lang: 'en" onload="x' });
    expect(count(odd, 'xml:lang=')).toBe(1);
    expect(readXmpPacket(odd)).toEqual({ altText: 'A dog.', lang: null });
  });

  it('keeps provenance out of the IPTC field, in the Altscribe namespace', () => {
    const packet = newXmpPacket({ altText: 'A dog.', lang: 'en', provenance: { generator: 'Altscribe 0.1', modelId: 'vit-gpt2 <q8>', reviewed: false, reviewPriority: 0.42 } });
    expect(packet).toContain('xmlns:altscribe="https://altscribe.app/ns/1.0/"');
    expect(packet).toContain('<altscribe:modelId>vit-gpt2 &lt;q8&gt;</altscribe:modelId>');
    expect(packet).toContain('<altscribe:reviewed>False</altscribe:reviewed>');
    expect(packet).toContain('<altscribe:reviewPriority>0.42</altscribe:reviewPriority>');
    expect(readXmpPacket(packet)).toEqual({ altText: 'A dog.', lang: 'en' });
  });
});

describe('merging into an existing packet', () => {
  it('replaces the alt-text and keeps every other property byte for byte, other languages included', () => {
    const merged = mergeXmpPacket(EXIFTOOL_PACKET, { altText: 'A red boat.', lang: 'en' });
    expect(merged).toContain(DC_DESCRIPTION);
    expect(merged.startsWith(EXIFTOOL_PACKET.slice(0, EXIFTOOL_PACKET.indexOf('<rdf:RDF')))).toBe(true);
    expect(readXmpPacket(merged)).toEqual({ altText: 'A red boat.', lang: 'en', extendedDescription: 'Older long text' });
    expect(merged).toContain('<rdf:li xml:lang="fr">Un bateau au port</rdf:li>');
    expect(count(merged, 'AltTextAccessibility>')).toBe(2); // one open, one close
  });

  it('replaces the extended description when given one, removes it when given an empty one', () => {
    expect(readXmpPacket(mergeXmpPacket(EXIFTOOL_PACKET, { altText: 'A.', lang: 'en', extendedDescription: 'New long.' }))?.extendedDescription).toBe('New long.');
    const removed = mergeXmpPacket(EXIFTOOL_PACKET, { altText: 'A.', lang: 'en', extendedDescription: '' });
    expect(removed).not.toContain('ExtDescrAccessibility');
    expect(readXmpPacket(removed)).toEqual({ altText: 'A.', lang: 'en' });
  });

  it('does not pile up descriptions when written again and again', () => {
    const write = (packet: string, i: number) => mergeXmpPacket(packet, { altText: `Take ${i}.`, lang: 'en', provenance: { generator: 'Altscribe', reviewed: true } });
    const once = write(EXIFTOOL_PACKET, 0);
    const packet = write(write(once, 1), 2);
    expect(packet.length).toBe(once.length);
    // The old IPTC description keeps the extended description it holds; ours comes once.
    expect(count(packet, '<rdf:Description')).toBe(3);
    expect(count(packet, '<altscribe:generator>')).toBe(1);
    expect(readXmpPacket(packet)?.altText).toBe('Take 2.');
  });

  it('finds the fields under any prefix and in attribute form, and removes them', () => {
    const packet = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><r:RDF xmlns:r="${'http://www.w3.org/1999/02/22-rdf-syntax-ns#'}">
      <r:Description r:about="uuid:1" xmlns:ic="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Rating="3" ic:AltTextAccessibility="Old &amp; plain"/>
    </r:RDF></x:xmpmeta>`;
    expect(readXmpPacket(packet)).toEqual({ altText: 'Old & plain', lang: null });
    const merged = mergeXmpPacket(packet, { altText: 'New.', lang: 'de' });
    expect(merged).toContain('xmp:Rating="3"');
    expect(merged).not.toContain('Old &amp; plain');
    expect(merged).toContain('<r:Description r:about="uuid:1"');
    expect(readXmpPacket(merged)).toEqual({ altText: 'New.', lang: 'de' });
  });

  it('reads CDATA and character references in an existing entry', () => {
    const packet = newXmpPacket({ altText: 'x', lang: 'en' }).replace('<rdf:li xml:lang="x-default">x</rdf:li>', '<rdf:li xml:lang="x-default"><![CDATA[a <b> &]]> &#x263A;&#65;</rdf:li>');
    expect(readXmpPacket(packet)?.altText).toBe('a <b> & ☺A');
  });
});

describe('malformed packets', () => {
  const broken = [
    '',
    'not xml at all',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description><a:b></rdf:Description></rdf:RDF>',
    EXIFTOOL_PACKET.slice(0, 600),
    EXIFTOOL_PACKET.replace('</rdf:Alt>', '</rdf:Seq>'),
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><!-- never closed',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" a="unterminated>',
  ];

  it.each(broken.map((p, i) => [i, p] as const))('#%i reads as null and is refused, not replaced, when merging', (_, packet) => {
    expect(readXmpPacket(packet)).toBeNull();
    expect(() => mergeXmpPacket(packet, { altText: 'A.', lang: 'en' })).toThrowError(MetadataError);
    expect(stripOwnedProperties(packet, { altText: 'A.', lang: 'en' })).toBe(packet);
  });

  it('reads an entry whose text is only whitespace as no alt-text, and falls back to a language that has one', () => {
    expect(readXmpPacket(newXmpPacket({ altText: '  \n ', lang: 'en' }))).toBeNull();
    const frenchOnly = newXmpPacket({ altText: 'x', lang: 'x-default' }).replace('<rdf:li xml:lang="x-default">x</rdf:li>', '<rdf:li xml:lang="x-default"></rdf:li><rdf:li xml:lang="fr">Un chat.</rdf:li>');
    expect(readXmpPacket(frenchOnly)).toEqual({ altText: 'Un chat.', lang: 'fr' });
  });
});

describe('encodeWithin', () => {
  it('gives up the padding to fit, and says too-large when even that is not enough', () => {
    const padded = EXIFTOOL_PACKET.replace("<?xpacket end='w'?>", `${' '.repeat(3000)}\n<?xpacket end='w'?>`);
    expect(encodeWithin(padded, EXIFTOOL_PACKET.length + 100, 'a test').length).toBeLessThan(EXIFTOOL_PACKET.length + 100);
    expect(() => encodeWithin(padded, 500, 'a test')).toThrowError(expect.objectContaining({ code: 'too-large' }));
  });
});
