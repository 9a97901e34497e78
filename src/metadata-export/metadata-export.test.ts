import { describe, expect, it } from 'vitest';
import type { AltTextFields } from '../metadata/alt-text-xmp';
import type { CaptionRecord } from '../storage';
import type { KeptHandles, OriginalHandle, WritableLike } from './kept-handles';
import { MetadataExport, type Embedder, type TargetFolder, type ZipEntry } from './metadata-export';

let n = 0;
function record(fileName: string, fields: Partial<CaptionRecord> = {}): CaptionRecord {
  n++;
  return { id: `id-${n}`, fileName, mimeType: 'image/jpeg', byteSize: 10, status: 'done', text: `Alt for ${fileName}`, review: 'unreviewed', hash: `hash:${fileName}`, createdAt: n, updatedAt: n, ...fields };
}

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Stands in for the worker: a file's "hash" is "hash:" + its text; writing appends the alt-text. */
const embedder: Embedder & { fields: AltTextFields[] } = {
  fields: [],
  async embed(file, fields, expectedHash) {
    const text = await file.text();
    if (expectedHash !== undefined && expectedHash !== `hash:${text}`) return { ok: false, reason: 'changed', message: 'changed on disk since it was captioned, so it was not written.' };
    embedder.fields.push(fields);
    const written = `${text}|${fields.altText}`;
    return { ok: true, bytes: encode(written), hash: `hash:${written}` };
  },
  async altTextOf(file) {
    return (await file.text()).split('|')[1] ?? null;
  },
};

/** A kept file whose content is `content` (its name, so its hash matches unless changed). */
class FakeHandle implements OriginalHandle {
  readonly kind = 'file';
  writes = 0;
  constructor(
    readonly name: string,
    public content: string = name,
    private readonly failWrite = false,
  ) {}
  async getFile() {
    return new File([this.content], this.name);
  }
  async createWritable(): Promise<WritableLike> {
    let pending = '';
    return {
      write: async (data) => {
        if (this.failWrite) throw new Error('disk full');
        pending += decode(data as Uint8Array);
      },
      close: async () => {
        this.writes++;
        this.content = pending;
      },
      abort: async () => undefined,
    };
  }
}

function setup(records: CaptionRecord[], options: { inTab?: string[]; kept?: Map<string, FakeHandle>; grant?: boolean } = {}) {
  const kept = options.kept ?? new Map<string, FakeHandle>();
  const zipped: ZipEntry[] = [];
  const downloads: string[] = [];
  const rewritten: { id: string; hash: string; byteSize: number }[] = [];
  const handles: KeptHandles = {
    kept: async (ids) => new Set(ids.filter((id) => kept.has(id))),
    open: async (ids) => new Map(options.grant === false ? [] : ids.flatMap((id) => (kept.has(id) ? [[id, kept.get(id)!] as const] : []))),
  };
  const exporter = new MetadataExport({
    host: { cards: records.map((r) => ({ record: r })), original: (id) => (options.inTab?.includes(id) ? new File([records.find((r) => r.id === id)!.fileName], 'x') : undefined) },
    handles,
    embedder,
    zip: async (entries) => {
      for await (const entry of entries) zipped.push(entry);
      return new Blob(['zip']);
    },
    download: (_blob, name) => downloads.push(name),
    language: () => 'pt-BR',
    rewritten: async (entries) => void rewritten.push(...entries),
    now: () => new Date(2026, 11, 7),
  });
  return { exporter, zipped, downloads, rewritten };
}

describe('save copies as a zip', () => {
  it('takes photos from the tab and from kept handles, counts the missing and names formats that cannot carry metadata', async () => {
    const inTab = record('a.jpg');
    const kept = record('b.png', { mimeType: 'image/png' });
    const gone = record('c.jpg');
    const gif = record('d.gif', { mimeType: 'image/gif' });
    const failed = record('e.jpg', { status: 'failed', text: '' });
    const { exporter, zipped, downloads } = setup([inTab, kept, gone, gif, failed], { inTab: [inTab.id], kept: new Map([[kept.id, new FakeHandle('b.png')]]) });
    const message = await exporter.saveZip([inTab, kept, gone, gif, failed]);
    expect(zipped.map((e) => [e.name, decode(e.input)])).toEqual([
      ['a.jpg', 'a.jpg|Alt for a.jpg'],
      ['b.png', 'b.png|Alt for b.png'],
    ]);
    expect(downloads).toEqual(['altscribe-photos-2026-12-07.zip']);
    expect(message.text).toBe('Saved 2 photos with their alt-text in altscribe-photos-2026-12-07.zip. 1 photo needs its folder added again. 1 photo cannot carry metadata, use the CSV.');
    expect(message.details).toEqual(['d.gif: this format cannot carry metadata, use the CSV.']);
  });

  it('refuses a kept file that changed since it was captioned, and downloads nothing when nothing is left', async () => {
    const changed = record('b.jpg');
    const { exporter, zipped, downloads } = setup([changed], { kept: new Map([[changed.id, new FakeHandle('b.jpg', 'edited since')]]) });
    const message = await exporter.saveZip([changed]);
    expect(zipped).toEqual([]);
    expect(downloads).toEqual([]);
    expect(message.failed).toBe(true);
    expect(message.details).toEqual(['b.jpg: changed on disk since it was captioned, so it was not written.']);
  });

  it('counts kept photos whose folder was not allowed as needing their folder again', async () => {
    const kept = record('b.jpg');
    const { exporter } = setup([kept], { kept: new Map([[kept.id, new FakeHandle('b.jpg')]]), grant: false });
    expect((await exporter.saveZip([kept])).text).toContain('1 photo needs its folder added again.');
  });

  it('gives two photos with the same name distinct names', async () => {
    const [one, two] = [record('IMG.jpg', { relativePath: 'a/IMG.jpg' }), record('IMG.jpg', { relativePath: 'b/IMG.jpg' })];
    const { exporter, zipped } = setup([one, two], { inTab: [one.id, two.id] });
    await exporter.saveZip([one, two]);
    expect(zipped.map((e) => e.name)).toEqual(['IMG.jpg', 'IMG (2).jpg']);
  });

  it('writes the record language when it has one, else the browser primary tag, with provenance', async () => {
    embedder.fields = [];
    const [mine, other] = [record('a.jpg', { review: 'approved', modelId: 'm', reviewPriority: 0.25 }), record('b.jpg')];
    (mine as CaptionRecord & { language?: string }).language = 'fr';
    const { exporter } = setup([mine, other], { inTab: [mine.id, other.id] });
    await exporter.saveZip([mine, other]);
    expect(embedder.fields).toEqual([
      { altText: 'Alt for a.jpg', lang: 'fr', provenance: { reviewed: true, modelId: 'm', reviewPriority: 0.25, generator: 'Altscribe' } },
      { altText: 'Alt for b.jpg', lang: 'pt', provenance: { reviewed: false, generator: 'Altscribe' } },
    ]);
  });
});

describe('save copies into a folder', () => {
  it('never replaces a file already in the folder', async () => {
    const photo = record('beach.jpg');
    const { exporter } = setup([photo], { inTab: [photo.id] });
    const created: string[] = [];
    const folder: TargetFolder = {
      name: 'out',
      async *keys() {
        yield 'Beach.jpg';
      },
      getFileHandle: async (name) => (created.push(name), new FakeHandle(name)),
    };
    expect((await exporter.saveToFolder([photo], folder)).text).toBe('Saved 1 photo with its alt-text in “out”.');
    expect(created).toEqual(['beach (2).jpg']);
  });
});

describe('write into the originals', () => {
  it('asks once, naming the count of kept photos, and writes nothing when declined', async () => {
    const [a, b, loose] = [record('a.jpg'), record('b.jpg'), record('c.jpg')];
    const handles = new Map([[a.id, new FakeHandle('a.jpg')], [b.id, new FakeHandle('b.jpg')]]);
    const { exporter } = setup([a, b, loose], { kept: handles });
    const asked: [string, number][] = [];
    const result = await exporter.writeOriginals([a, b, loose], async (question, count) => (asked.push([question, count]), false));
    expect(result).toBeNull();
    expect(asked).toEqual([['Write the alt-text into 2 original photos on this device? Each file is replaced by a copy that carries its alt-text; the image itself is not changed.', 2]]);
    expect([...handles.values()].map((h) => h.writes)).toEqual([0, 0]);
  });

  it('writes and reads back unchanged photos, refuses a changed one and leaves a failed write untouched', async () => {
    const [same, changed, full] = [record('a.jpg'), record('b.jpg'), record('c.jpg')];
    const handles = new Map([
      [same.id, new FakeHandle('a.jpg')],
      [changed.id, new FakeHandle('b.jpg', 'edited since')],
      [full.id, new FakeHandle('c.jpg', 'c.jpg', true)],
    ]);
    const { exporter, rewritten } = setup([same, changed, full], { kept: handles });
    const message = await exporter.writeOriginals([same, changed, full], async () => true);
    expect(handles.get(same.id)!.content).toBe('a.jpg|Alt for a.jpg');
    expect(rewritten).toEqual([{ id: same.id, hash: 'hash:a.jpg|Alt for a.jpg', byteSize: 19 }]);
    expect(handles.get(changed.id)!.content).toBe('edited since');
    expect(handles.get(full.id)!.content).toBe('c.jpg');
    expect(message?.text).toBe('Wrote the alt-text into 1 original photo. 2 photos could not be saved; the list says why.');
    expect(message?.details).toEqual(['b.jpg: changed on disk since it was captioned, so it was not written.', 'c.jpg: could not be written (disk full); the original is untouched.']);
  });

  it('says when no photo has a kept original', async () => {
    const loose = record('a.jpg');
    const { exporter } = setup([loose], { inTab: [loose.id] });
    const message = await exporter.writeOriginals([loose], async () => true);
    expect(message?.text).toBe('No original can be written: only photos added from a folder in this browser can be.');
  });
});
