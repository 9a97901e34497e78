/**
 * Photos that carry their alt-text (issue 16): copies into a picked folder or one zip download,
 * or, after an explicit confirmation, written into the originals. The byte work runs in the
 * metadata worker (client/metadata-client.ts); this class plans, moves bytes to and from files,
 * and says what happened per photo. Every browser part is injected, so all of it tests in Node.
 */
import type { EmbedResult } from '../../workers/metadata-api';
import type { AltTextFields } from '../metadata/alt-text-xmp';
import type { CaptionRecord } from '../storage';
import type { TransferMessage } from '../app/results-transfer';
import type { KeptHandles, OriginalHandle, WritableLike } from './kept-handles';
import { confirmWriteText, count, missingSentence, photoName, planMetadata, unsupportedMessage, uniqueName, type MetadataPlan, type PlannedPhoto } from './metadata-plan';

export interface MetadataHost {
  readonly cards: readonly { record: CaptionRecord }[];
  /** The photo as added in this tab, while it is still here. */
  original(id: string): File | undefined;
}

export interface Embedder {
  embed(file: Blob, fields: AltTextFields, expectedHash?: string): Promise<EmbedResult>;
  altTextOf(file: Blob): Promise<string | null>;
}

/** A zip entry as client-zip takes it; `zip` turns them, pulled one at a time, into the download. */
export interface ZipEntry {
  name: string;
  input: Uint8Array;
  lastModified: Date;
}

/** A folder the person picked for the copies. */
export interface TargetFolder {
  readonly name: string;
  keys(): AsyncIterable<string>;
  getFileHandle(name: string, options: { create: true }): Promise<{ createWritable(): Promise<WritableLike> }>;
}

export interface MetadataExportDeps {
  host: MetadataHost;
  handles: KeptHandles;
  embedder: Embedder;
  zip(entries: AsyncIterable<ZipEntry>): Promise<Blob>;
  download(blob: Blob, fileName: string): void;
  language(): string | undefined;
  /**
   * Originals that now carry their alt-text have new bytes: their records take the new hash and
   * size, so the next write (or a reopen) still knows them as the captioned photos.
   */
  rewritten?(entries: readonly { id: string; hash: string; byteSize: number }[]): Promise<void>;
  now?(): Date;
}

/** One photo's outcome, for the per-photo list under the summary. */
type Done = { record: CaptionRecord; name: string };

export class MetadataExport {
  constructor(private readonly deps: MetadataExportDeps) {}

  /** The given records (all, or the shown ones) as one zip of copies, downloaded. */
  async saveZip(records: readonly CaptionRecord[]): Promise<TransferMessage> {
    const { plan, handles } = await this.plan(records);
    const details: string[] = [];
    const saved: Done[] = [];
    const names = new Set<string>();
    const embedded = (photo: PlannedPhoto) => this.embedded(photo, handles, details);
    async function* entries(): AsyncIterable<ZipEntry> {
      for (const photo of plan.photos) {
        const ready = await embedded(photo);
        if (!ready) continue;
        const name = uniqueName(photo.record.fileName, (n) => names.has(n.toLowerCase()));
        names.add(name.toLowerCase());
        saved.push({ record: photo.record, name });
        yield { name, input: ready.bytes, lastModified: new Date(ready.lastModified) };
      }
    }
    const blob = await this.deps.zip(entries());
    const fileName = zipName(this.deps.now?.() ?? new Date());
    if (saved.length) this.deps.download(blob, fileName);
    const lead = saved.length ? `Saved ${count(saved.length, 'photo', 'photos')} with ${its(saved.length)} alt-text in ${fileName}.` : 'No photo was saved with its alt-text.';
    return summary(lead, plan, details, saved.length === 0);
  }

  /** Copies into a folder the person picked; a file already there is never replaced. */
  async saveToFolder(records: readonly CaptionRecord[], folder: TargetFolder): Promise<TransferMessage> {
    const { plan, handles } = await this.plan(records);
    const details: string[] = [];
    const names = new Set<string>();
    for await (const name of folder.keys()) names.add(name.toLowerCase());
    let saved = 0;
    for (const photo of plan.photos) {
      const ready = await this.embedded(photo, handles, details);
      if (!ready) continue;
      const name = uniqueName(photo.record.fileName, (n) => names.has(n.toLowerCase()));
      names.add(name.toLowerCase());
      try {
        const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
        await replaceWith(writable, ready.bytes);
        saved++;
      } catch (error) {
        details.push(`${photoName(photo.record)}: could not be saved in “${folder.name}” (${reason(error)}).`);
      }
    }
    const lead = saved ? `Saved ${count(saved, 'photo', 'photos')} with ${its(saved)} alt-text in “${folder.name}”.` : `No photo was saved in “${folder.name}”.`;
    return summary(lead, plan, details, saved === 0);
  }

  /**
   * Into the originals, for photos whose files were kept (Chromium). `confirm` gets a sentence
   * naming the count; nothing is opened for writing before it says yes.
   */
  async writeOriginals(records: readonly CaptionRecord[], confirm: (question: string, count: number) => Promise<boolean>): Promise<TransferMessage | null> {
    const kept = await this.deps.handles.kept(records.map((r) => r.id));
    const plan = planMetadata(records, (r) => (kept.has(r.id) ? 'handle' : 'missing'), this.deps.language());
    if (!plan.photos.length) return summary('No original can be written: only photos added from a folder in this browser can be.', { ...plan, missing: [] }, [], true);
    if (!(await confirm(confirmWriteText(plan.photos.length), plan.photos.length))) return null;
    const handles = await this.deps.handles.open(plan.photos.map((p) => p.record.id), 'readwrite');
    const details: string[] = [];
    const rewritten: { id: string; hash: string; byteSize: number }[] = [];
    for (const photo of plan.photos) {
      const result = await this.writeOne(photo, handles.get(photo.record.id), details);
      if (result) rewritten.push({ id: photo.record.id, ...result });
    }
    const written = rewritten.length;
    if (written) await this.deps.rewritten?.(rewritten).catch((error: unknown) => details.push(`The new state of the written photos was not saved (${reason(error)}); writing them again will call them changed.`));
    const lead = written ? `Wrote the alt-text into ${count(written, 'original photo', 'original photos')}.` : 'No original was written.';
    return summary(lead, { ...plan, missing: [] }, details, written < plan.photos.length, plan.missing.length);
  }

  private async writeOne(photo: PlannedPhoto, handle: OriginalHandle | undefined, details: string[]): Promise<{ hash: string; byteSize: number } | null> {
    const name = photoName(photo.record);
    if (!handle?.createWritable) return void details.push(`${name}: writing to its folder was not allowed; the original is untouched.`), null;
    if (!photo.record.hash) return void details.push(`${name}: not written, since it cannot be checked to be the photo that was captioned.`), null;
    let result: EmbedResult;
    try {
      result = await this.deps.embedder.embed(await handle.getFile(), photo.fields, photo.record.hash);
    } catch (error) {
      return void details.push(`${name}: could not be read (${reason(error)}); the original is untouched.`), null;
    }
    if (!result.ok) return void details.push(`${name}: ${result.message}`), null;
    try {
      await replaceWith(await handle.createWritable(), result.bytes);
    } catch (error) {
      return void details.push(`${name}: could not be written (${reason(error)}); the original is untouched.`), null;
    }
    const readBack = await this.deps.embedder.altTextOf(await handle.getFile()).catch(() => null);
    if (readBack !== photo.fields.altText) return void details.push(`${name}: was written, but its alt-text did not read back the same; check the file.`), null;
    return { hash: result.hash, byteSize: result.bytes.byteLength };
  }

  /** The plan for copies: photos in this tab, else reopenable from a kept handle (read permission). */
  private async plan(records: readonly CaptionRecord[]): Promise<{ plan: MetadataPlan; handles: Map<string, OriginalHandle> }> {
    const inTab = (r: CaptionRecord) => this.deps.host.original(r.id) !== undefined;
    const unplanned = planMetadata(records, (r) => (inTab(r) ? 'tab' : 'handle'), this.deps.language());
    const wanted = unplanned.photos.filter((p) => p.source === 'handle').map((p) => p.record.id);
    const handles = await this.deps.handles.open(wanted, 'read');
    const plan = planMetadata(records, (r) => (inTab(r) ? 'tab' : handles.has(r.id) ? 'handle' : 'missing'), this.deps.language());
    return { plan, handles };
  }

  /** The photo's bytes with its alt-text, or null with the reason added to `details`. */
  private async embedded(photo: PlannedPhoto, handles: Map<string, OriginalHandle>, details: string[]): Promise<{ bytes: Uint8Array; lastModified: number } | null> {
    const { record } = photo;
    try {
      const file = this.deps.host.original(record.id) ?? (await handles.get(record.id)!.getFile());
      // A kept file must still be the captioned photo; one added in this tab is that photo.
      const expected = photo.source === 'handle' ? record.hash : undefined;
      const result = await this.deps.embedder.embed(file, photo.fields, expected);
      if (result.ok) return { bytes: result.bytes, lastModified: file.lastModified };
      details.push(`${photoName(record)}: ${result.message}`);
    } catch (error) {
      details.push(`${photoName(record)}: could not be read (${reason(error)}).`);
    }
    return null;
  }
}

/** Writes everything, then closes; on any failure aborts, which leaves the file as it was. */
async function replaceWith(writable: WritableLike, bytes: Uint8Array): Promise<void> {
  try {
    await writable.write(bytes);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

function summary(lead: string, plan: MetadataPlan, details: string[], failed: boolean, notKept = 0): TransferMessage {
  const parts = [lead];
  if (plan.missing.length) parts.push(missingSentence(plan.missing.length));
  if (notKept) parts.push(`${count(notKept, 'photo was', 'photos were')} not added from a folder in this browser, so only copies can be saved.`);
  if (plan.unsupported.length) parts.push(`${count(plan.unsupported.length, 'photo', 'photos')} cannot carry metadata, use the CSV.`);
  if (details.length) parts.push(`${count(details.length, 'photo', 'photos')} could not be saved; the list says why.`);
  return { text: parts.join(' '), details: [...plan.unsupported.map(unsupportedMessage), ...details], failed };
}

const its = (n: number): string => (n === 1 ? 'its' : 'their');

function zipName(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `altscribe-photos-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.zip`;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
