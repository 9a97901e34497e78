/**
 * A second opinion from Debian's exiftool (libimage-exiftool-perl; .ci/run installs it): what we
 * write reads back exactly, the photo's other tags are unchanged, and -validate finds nothing
 * new. Pixels are compared with Pillow when /usr/bin/python3 has it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAltText, type AltTextFields } from './alt-text-xmp';
import { fixture, TRICKY_TEXT } from './fixtures/container-parts';

const hasExiftool = spawnSync('exiftool', ['-ver']).status === 0;
const hasPillow = spawnSync('/usr/bin/python3', ['-c', 'import PIL']).status === 0;
if (!hasExiftool) console.warn('exiftool.test.ts skipped: exiftool is not on PATH (apt-get install libimage-exiftool-perl).');

const FIXTURES = ['plain.jpg', 'exif-icc.jpg', 'with-xmp.jpg', 'plain.png', 'exif-icc.png', 'with-xmp.png', 'lossy.webp', 'lossless-alpha.webp', 'exif-icc.webp', 'with-xmp.webp'];
const FIELDS: AltTextFields = { altText: TRICKY_TEXT, lang: 'de', extendedDescription: `Lang: ${TRICKY_TEXT}`, provenance: { generator: 'Altscribe test', modelId: 'tiny <fixture>', reviewed: true, reviewPriority: 0.25 } };
/** Groups that describe the file or that we write; everything else must stay as it was. */
const OURS = /^(System|File|ExifTool|Composite|XMP-iptcCore|XMP-altscribe|XMP-x):/;

const dir = mkdtempSync(join(tmpdir(), 'altscribe-exiftool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every tag of both files, by group, exact (-b); one run for both, as start-up is most of exiftool's cost. */
function tagsOfBoth(before: string, after: string): [Record<string, unknown>, Record<string, unknown>] {
  const out = JSON.parse(execFileSync('exiftool', ['-j', '-G1', '-a', '-b', '-all', before, after], { encoding: 'utf8' })) as Record<string, unknown>[];
  return [out[0] ?? {}, out[1] ?? {}];
}

/** -validate's warnings for both files (text output: JSON keeps only one of several Warning tags). */
function warningsOfBoth(before: string, after: string): [string[], string[]] {
  const out = execFileSync('exiftool', ['-a', '-s', '-validate', '-warning', before, after], { encoding: 'utf8' });
  const [first = '', second = ''] = out.split(/^======== .*$/m).filter((part) => part.includes(':'));
  const warnings = (part: string) => part.split('\n').filter((line) => line.startsWith('Warning')).map((line) => line.slice(line.indexOf(':') + 1).trim());
  return [warnings(first), warnings(second)];
}

/** Tags the write must not touch; WebP_Flags is compared apart (the XMP flag is set). */
function otherTags(tags: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => key !== 'SourceFile' && key !== 'RIFF:WebP_Flags' && !OURS.test(key)));
}

function webpFlags(tags: Record<string, unknown>): string[] {
  const flags = tags['RIFF:WebP_Flags'];
  return flags === undefined ? [] : String(flags).split(', ');
}

function pixels(...paths: string[]): string[] {
  const script = 'import sys,hashlib\nfrom PIL import Image\nfor p in sys.argv[1:]:\n  im=Image.open(p); print(im.mode, im.size, hashlib.sha256(im.tobytes()).hexdigest())';
  return execFileSync('/usr/bin/python3', ['-c', script, ...paths], { encoding: 'utf8' }).trim().split('\n');
}

describe.skipIf(!hasExiftool)('exiftool reads what Altscribe writes', () => {
  it.each(FIXTURES)('%s', (name) => {
    const before = join(dir, `before-${name}`);
    const after = join(dir, `after-${name}`);
    writeFileSync(before, fixture(name));
    writeFileSync(after, writeAltText(fixture(name), FIELDS));
    const [was, now] = tagsOfBoth(before, after);
    expect(now).toMatchObject({ 'XMP-iptcCore:AltTextAccessibility': TRICKY_TEXT, 'XMP-iptcCore:AltTextAccessibility-de': TRICKY_TEXT, 'XMP-iptcCore:ExtDescrAccessibility': `Lang: ${TRICKY_TEXT}` });
    expect(otherTags(now)).toEqual(otherTags(was));
    if (name.endsWith('.webp')) expect(webpFlags(now).sort()).toEqual([...new Set([...webpFlags(was), 'XMP', ...(name.includes('alpha') ? ['Alpha'] : [])])].sort());
    const [warningsBefore, warningsAfter] = warningsOfBoth(before, after);
    expect(warningsAfter.filter((w) => !warningsBefore.includes(w))).toEqual([]);
    if (hasPillow) {
      const [pixelsBefore, pixelsAfter] = pixels(before, after);
      expect(pixelsAfter).toBe(pixelsBefore);
    }
  });

  it('keeps the French entry another tool wrote', () => {
    const after = join(dir, 'after-fr.jpg');
    writeFileSync(after, writeAltText(fixture('with-xmp.jpg'), { altText: 'A red boat.', lang: 'en' }));
    const before = join(dir, 'before-fr.jpg');
    writeFileSync(before, fixture('with-xmp.jpg'));
    const [was, now] = tagsOfBoth(before, after);
    expect(now).toMatchObject({ 'XMP-iptcCore:AltTextAccessibility-fr': 'Un bateau au port', 'XMP-iptcCore:AltTextAccessibility-en': 'A red boat.', 'XMP-iptcCore:AltTextAccessibility': 'A red boat.' });
    expect(otherTags(now)).toEqual(otherTags(was));
  });
});
