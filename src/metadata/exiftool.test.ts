/**
 * A second opinion from Debian's exiftool (libimage-exiftool-perl; .ci/run installs it): what we
 * write reads back exactly, the photo's other tags are unchanged, and -validate finds nothing
 * new. Pixels are compared with Pillow when /usr/bin/python3 has it. exiftool and Python run
 * once for all files, as their start-up is most of their cost.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAltText, type AltTextFields } from './alt-text-xmp';
import { fixture, TRICKY_TEXT } from './fixtures/container-parts';

const hasExiftool = spawnSync('exiftool', ['-ver']).status === 0;
const hasPillow = spawnSync('/usr/bin/python3', ['-c', 'import PIL']).status === 0;
if (!hasExiftool) console.warn('exiftool.test.ts skipped: exiftool is not on PATH (apt-get install libimage-exiftool-perl).');

const FIXTURES = ['plain.jpg', 'exif-icc.jpg', 'with-xmp.jpg', 'plain.png', 'exif-icc.png', 'with-xmp.png', 'lossy.webp', 'lossless-alpha.webp', 'exif-icc.webp', 'with-xmp.webp'];
const FIELDS: AltTextFields = { altText: TRICKY_TEXT, lang: 'de', extendedDescription: `Lang: ${TRICKY_TEXT}`, provenance: { generator: 'Altscribe test', modelId: 'tiny <fixture>', reviewed: true, reviewPriority: 0.25 } };
/** Groups that describe the file or that we write; everything else must stay as it was. */
const OURS = /^(System|File|ExifTool|Composite|XMP-iptcCore|XMP-altscribe|XMP-x):/;

type Tags = Record<string, unknown>;
interface Seen {
  tags: Tags;
  warnings: string[];
  pixels?: string;
}

const dir = mkdtempSync(join(tmpdir(), 'altscribe-exiftool-'));
const seen = new Map<string, Seen>();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every tag of every file by group, exact (-b); -validate's warnings from text output (JSON keeps only one of several). */
function inspectAll(paths: string[]): Seen[] {
  const tags = JSON.parse(execFileSync('exiftool', ['-j', '-G1', '-a', '-b', '-all', ...paths], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Tags[];
  const text = execFileSync('exiftool', ['-a', '-s', '-validate', '-warning', ...paths], { encoding: 'utf8' });
  const perFile = text.split(/^======== .*$/m).filter((part) => part.includes(':'));
  const warnings = perFile.map((part) => part.split('\n').filter((line) => line.startsWith('Warning')).map((line) => line.slice(line.indexOf(':') + 1).trim()));
  const script = 'import sys,hashlib\nfrom PIL import Image\nfor p in sys.argv[1:]:\n  im=Image.open(p); print(im.mode, im.size, hashlib.sha256(im.tobytes()).hexdigest())';
  const pixels = hasPillow ? execFileSync('/usr/bin/python3', ['-c', script, ...paths], { encoding: 'utf8' }).trim().split('\n') : [];
  return paths.map((_, i) => ({ tags: tags[i] ?? {}, warnings: warnings[i] ?? [], ...(hasPillow ? { pixels: pixels[i] } : {}) }));
}

/** Tags the write must not touch; WebP_Flags is compared apart (the XMP flag is set). */
function otherTags(tags: Tags): Tags {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => key !== 'SourceFile' && key !== 'RIFF:WebP_Flags' && !OURS.test(key)));
}

function webpFlags(tags: Tags): string[] {
  const flags = tags['RIFF:WebP_Flags'];
  return flags === undefined ? [] : String(flags).split(', ');
}

describe.skipIf(!hasExiftool)('exiftool reads what Altscribe writes', () => {
  beforeAll(() => {
    const writes: [string, Uint8Array][] = FIXTURES.flatMap((name) => [
      [`before-${name}`, fixture(name)],
      [`after-${name}`, writeAltText(fixture(name), FIELDS)],
    ]);
    writes.push(['before-fr.jpg', fixture('with-xmp.jpg')], ['after-fr.jpg', writeAltText(fixture('with-xmp.jpg'), { altText: 'A red boat.', lang: 'en' })]);
    for (const [file, bytes] of writes) writeFileSync(join(dir, file), bytes);
    const results = inspectAll(writes.map(([file]) => join(dir, file)));
    writes.forEach(([file], i) => seen.set(file, results[i] as Seen));
  });

  const pair = (name: string) => [seen.get(`before-${name}`) as Seen, seen.get(`after-${name}`) as Seen] as const;

  it.each(FIXTURES)('%s: exact read-back, other tags, pixels and warnings unchanged', (name) => {
    const [was, now] = pair(name);
    expect(now.tags).toMatchObject({ 'XMP-iptcCore:AltTextAccessibility': TRICKY_TEXT, 'XMP-iptcCore:AltTextAccessibility-de': TRICKY_TEXT, 'XMP-iptcCore:ExtDescrAccessibility': `Lang: ${TRICKY_TEXT}` });
    expect(now.tags).toMatchObject({ 'XMP-altscribe:ModelId': 'tiny <fixture>', 'XMP-altscribe:Reviewed': true });
    expect(otherTags(now.tags)).toEqual(otherTags(was.tags));
    if (name.endsWith('.webp')) expect(webpFlags(now.tags).sort()).toEqual([...new Set([...webpFlags(was.tags), 'XMP', ...(name.includes('alpha') ? ['Alpha'] : [])])].sort());
    expect(now.warnings.filter((w) => !was.warnings.includes(w))).toEqual([]);
    expect(now.pixels).toBe(was.pixels);
  });

  it('keeps the French entry another tool wrote', () => {
    const [was, now] = pair('fr.jpg');
    expect(now.tags).toMatchObject({ 'XMP-iptcCore:AltTextAccessibility-fr': 'Un bateau au port', 'XMP-iptcCore:AltTextAccessibility-en': 'A red boat.', 'XMP-iptcCore:AltTextAccessibility': 'A red boat.' });
    expect(otherTags(now.tags)).toEqual(otherTags(was.tags));
  });
});
