/**
 * What "save with alt-text" and "write into the originals" will do, decided before any byte is
 * read: which finished photos go, which cannot carry metadata, which are not on this device
 * any more. Pure, so every refusal is tested without a browser (metadata-plan.test.ts).
 */
import type { AltTextFields } from '../metadata/alt-text-xmp';
import type { CaptionRecord } from '../storage';

/** Alt-text in these travels inside the file (XMP); everything else goes by CSV. */
const CARRIERS = new Set(['image/jpeg', 'image/png', 'image/webp']);
const CARRIER_EXTENSIONS = new Set(['jpg', 'jpeg', 'jpe', 'png', 'webp']);

export const GENERATOR = 'Altscribe';

/** Where a photo's bytes come from: the file still in this tab, a kept File System Access handle, or nowhere. */
export type OriginalSource = 'tab' | 'handle' | 'missing';

export interface PlannedPhoto {
  record: CaptionRecord;
  fields: AltTextFields;
  source: Exclude<OriginalSource, 'missing'>;
}

export interface MetadataPlan {
  photos: PlannedPhoto[];
  /** Finished, but in a format that cannot carry XMP (GIF, AVIF, HEIC, ...). */
  unsupported: CaptionRecord[];
  /** Finished, but the photo is neither in this tab nor reopenable from a kept handle. */
  missing: CaptionRecord[];
}

/** A photo counts once it has alt-text to carry; failed and empty results have nothing to write. */
export function hasAltText(record: CaptionRecord): boolean {
  return record.status === 'done' && record.text.trim() !== '';
}

/** By type, then by name: a pasted photo may have no name, a file from some systems no type. */
export function canCarryMetadata(record: Pick<CaptionRecord, 'mimeType' | 'fileName'>): boolean {
  if (record.mimeType) return CARRIERS.has(record.mimeType.toLowerCase());
  const extension = record.fileName.toLowerCase().split('.').at(-1) ?? '';
  return CARRIER_EXTENSIONS.has(extension);
}

/** The primary subtag of the browser's language ("pt" of "pt-BR"), or "en" when there is none. */
export function primaryLanguage(browserLanguage: string | undefined): string {
  const primary = browserLanguage?.split('-')[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
}

/** The record's own language once results carry one (issue 16 item 3), else the browser's. */
export function fieldsFor(record: CaptionRecord, browserLanguage: string | undefined): AltTextFields {
  const own = (record as CaptionRecord & { language?: string }).language;
  const provenance: NonNullable<AltTextFields['provenance']> = { reviewed: record.review !== 'unreviewed', generator: GENERATOR };
  if (record.modelId !== undefined) provenance.modelId = record.modelId;
  if (record.reviewPriority !== undefined) provenance.reviewPriority = record.reviewPriority;
  return { altText: record.text, lang: own || primaryLanguage(browserLanguage), provenance };
}

export function planMetadata(records: readonly CaptionRecord[], sourceOf: (record: CaptionRecord) => OriginalSource, browserLanguage: string | undefined): MetadataPlan {
  const plan: MetadataPlan = { photos: [], unsupported: [], missing: [] };
  for (const record of records) {
    if (!hasAltText(record)) continue;
    if (!canCarryMetadata(record)) {
      plan.unsupported.push(record);
      continue;
    }
    const source = sourceOf(record);
    if (source === 'missing') plan.missing.push(record);
    else plan.photos.push({ record, fields: fieldsFor(record, browserLanguage), source });
  }
  return plan;
}

export function photoName(record: Pick<CaptionRecord, 'fileName' | 'relativePath'>): string {
  return record.relativePath ?? record.fileName;
}

/** The message a photo that cannot carry metadata gets, one per photo. */
export function unsupportedMessage(record: Pick<CaptionRecord, 'fileName' | 'relativePath'>): string {
  return `${photoName(record)}: this format cannot carry metadata, use the CSV.`;
}

/** Counted and said once, not per photo: the fix is the same for all of them. */
export function missingSentence(count: number): string {
  return count === 1 ? '1 photo needs its folder added again.' : `${count} photos need their folder added again.`;
}

/**
 * A free name in a folder or zip: "beach.jpg", then "beach (2).jpg", ... An existing file is
 * never replaced by a copy.
 */
export function uniqueName(name: string, taken: (candidate: string) => boolean): string {
  if (!taken(name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${extension}`;
    if (!taken(candidate)) return candidate;
  }
}

/** What the explicit confirmation before writing into originals says: it names the count. */
export function confirmWriteText(count: number): string {
  const photos = count === 1 ? '1 original photo' : `${count} original photos`;
  return `Write the alt-text into ${photos} on this device? Each file is replaced by a copy that carries its alt-text; the image itself is not changed.`;
}

export const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
