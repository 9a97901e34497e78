/**
 * The browser parts of saving photos with their alt-text: the metadata worker, the kept handles,
 * client-zip (loaded at the first save, so the first view does not carry it) and the download.
 * One exporter per controller, made at the first click.
 */
import type { AltscribeController } from '../app/altscribe-controller';
import { browserKeptHandles } from './kept-handles';
import { MetadataExport, type ZipEntry } from './metadata-export';
import { downloadBlob } from '../app/results-transfer';
import { updateResults, type CaptionRecord } from '../storage';
import { MetadataClient } from '../client/metadata-client';

/** Every photo, or only the ones the filters show (as Export CSV/JSON offers). */
export type SaveScope = 'all' | 'shown';

/** What the save controls work on: the exporter and the records of a scope. */
export interface SaveSource {
  exporter: MetadataExport;
  records(scope: SaveScope): CaptionRecord[];
}

export type PageController = Pick<AltscribeController, 'store' | 'shown' | 'original' | 'showRecords'>;

const made = new WeakMap<PageController, SaveSource>();

export function saveSourceFor(controller: PageController): SaveSource {
  let source = made.get(controller);
  if (source) return source;
  const exporter = new MetadataExport({
    host: { get cards() { return controller.store.list(); }, original: (id) => controller.original(id) },
    handles: browserKeptHandles,
    embedder: new MetadataClient(),
    zip: zipBlob,
    download: downloadBlob,
    language: () => navigator.language,
    rewritten: async (entries) => {
      const updated = await updateResults(entries.map(({ id, hash, byteSize }) => ({ id, patch: { hash, byteSize } })));
      controller.showRecords(updated.filter((record): record is CaptionRecord => record !== undefined));
    },
  });
  source = { exporter, records: (scope) => (scope === 'shown' ? controller.shown.cards() : controller.store.list()).map((c) => c.record) };
  made.set(controller, source);
  return source;
}

/**
 * The zip, streamed: client-zip pulls one photo at a time from `entries` and the browser keeps
 * the growing Blob (in Chromium on disk once large), so thousands of photos are never all in
 * the page's memory at once. Stored, not deflated: photos are already compressed.
 */
async function zipBlob(entries: AsyncIterable<ZipEntry>): Promise<Blob> {
  const { downloadZip } = await import('client-zip');
  return downloadZip(entries).blob();
}
