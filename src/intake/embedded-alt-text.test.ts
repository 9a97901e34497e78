import { describe, expect, it } from 'vitest';
import { CardStore } from '../app/card-store';
import { IntakeApplier } from '../app/intake-apply';
import { writeAltText } from '../metadata/alt-text-xmp';
import { fixture } from '../metadata/fixtures/container-parts';
import { inspectFile, sha256Hex } from './inspect-file';
import { planIntake, queuesCaption } from './intake-plan';
import { intakeSummary, runIntake, type PlannedStep } from './run-intake';

/** Stands in for storage: nothing was stored elsewhere, so every card is new. */
const noStorage = <T>(_write: () => Promise<T>) => Promise.resolve(new Map() as T);
const TEXT = 'A red boat moored in a calm harbour at dawn.';
const carrying = (name: string) => writeAltText(fixture(name), { altText: TEXT, lang: 'en' });
const asFile = (bytes: Uint8Array, name: string, type: string) => new File([bytes.slice()], name, { type });

describe('a photo that already carries IPTC alt-text', () => {
  it.each([
    ['plain.jpg', 'image/jpeg'],
    ['plain.png', 'image/png'],
    ['lossy.webp', 'image/webp'],
  ])('%s: intake reads it along with the hash', async (name, type) => {
    const bytes = carrying(name);
    const inspection = await inspectFile(asFile(bytes, name, type));
    expect(inspection).toEqual({ kind: type.slice(6), hash: await sha256Hex(bytes.slice().buffer), embeddedAltText: { text: TEXT, lang: 'en' } });
    expect(await inspectFile(asFile(fixture(name), name, type))).not.toHaveProperty('embeddedAltText');
  });

  it('becomes an imported, finished card that is not queued for a caption', async () => {
    const file = asFile(carrying('plain.jpg'), 'boat.jpg', 'image/jpeg');
    const step = planIntake({ file }, await inspectFile(file), undefined, { id: 'n', now: 1 });
    expect(step.action === 'add' && step.record).toMatchObject({ status: 'done', review: 'imported', text: TEXT });
    expect(queuesCaption(step)).toBe(false);
    const plain = planIntake({ file }, { kind: 'jpeg', hash: 'h' }, undefined, { id: 'm', now: 2 });
    expect(queuesCaption(plain)).toBe(true);
  });

  it('costs no caption run: of three photos, only the two without alt-text are queued', async () => {
    const store = new CardStore();
    const enqueued: string[] = [];
    const applier = new IntakeApplier({ store, originals: new Map(), save: <T>(write: () => Promise<T>) => noStorage(write), patchAll: async () => undefined, enqueue: (id) => enqueued.push(id), elsewhere: { watch: () => undefined } });
    const files = [asFile(fixture('plain.jpg'), 'a.jpg', 'image/jpeg'), asFile(carrying('plain.png'), 'b.png', 'image/png'), asFile(fixture('lossy.webp'), 'c.webp', 'image/webp')];
    let id = 0;
    const summary = await runIntake(
      files.map((file) => ({ file })),
      { inspect: inspectFile, lookup: () => undefined, applyBatch: (batch: readonly PlannedStep[]) => applier.apply(batch), newId: () => `id-${id++}` },
    );
    expect(enqueued).toEqual(['id-0', 'id-2']);
    expect(store.get('id-1')?.record).toMatchObject({ review: 'imported', status: 'done', text: TEXT });
    expect(summary).toBe('Added 3 photos. 1 already carried alt-text, imported instead of captioned.');
  });

  it('is named in the summary, however many there are', () => {
    const add = (review: 'imported' | 'unreviewed') => ({ action: 'add' as const, file: new File([], 'x.jpg'), record: { id: review, fileName: 'x.jpg', hash: 'h', mimeType: 'image/jpeg', byteSize: 1, status: 'done' as const, text: 't', review, createdAt: 1, updatedAt: 1 } });
    expect(intakeSummary([add('imported')])).toBe('Added 1 photo. It already carried alt-text, imported instead of captioned.');
    expect(intakeSummary([add('imported'), add('imported')])).toBe('Added 2 photos. All of them already carried alt-text, imported instead of captioned.');
    expect(intakeSummary([add('unreviewed')])).toBe('Added 1 photo.');
  });
});
