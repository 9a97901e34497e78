import { describe, expect, it } from 'vitest';
import type { CaptionRecord } from '../storage';
import { inspectFile, sha256Hex } from './inspect-file';
import { Intake } from './intake';
import { intakeKeyOfRecord, type IntakeStep } from './intake-plan';
import { CHUNK_PATIENCE_MS, INSPECTING, intakeSummary, runIntake, type PlannedStep } from './run-intake';
import type { IntakeItem } from './walk-entries';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name: string, content = name) => new File([new Uint8Array(PNG_HEAD), content], name, { type: 'image/png' });
const text = (name: string) => new File([`notes in ${name}`], name, { type: 'text/plain' });

/** A list like the controller's: cards plus which originals this session holds. */
class FakeList {
  cards: { record: CaptionRecord }[] = [];
  originals = new Map<string, File>();
  queued: string[] = [];
  /** The size of each chunk applied. */
  flushes: number[] = [];
  host = {
    lookup: (key: string) => {
      const card = this.cards.find((c) => intakeKeyOfRecord(c.record) === key);
      return card && { record: card.record, hasOriginal: this.originals.has(card.record.id) };
    },
    applyBatch: async (batch: readonly PlannedStep[]) => {
      this.flushes.push(batch.length);
      for (const { step } of batch) this.apply(step);
      return [];
    },
  };
  apply(step: IntakeStep) {
    if ('record' in step) this.cards.push({ record: step.record });
    else if (step.patch) Object.assign(this.find(step.id)!.record, step.patch);
    const id = 'record' in step ? step.record.id : step.id;
    if ('file' in step && step.file) this.originals.set(id, step.file);
    if (step.action === 'add' || step.action === 'requeue') this.queued.push(id);
  }
  find(id: string) {
    return this.cards.find((c) => c.record.id === id);
  }
  view() {
    return this.cards.map(({ record: r }) => [r.relativePath ?? r.fileName, r.status, r.error]);
  }
}

const folder = (): IntakeItem[] => [
  { file: png('001.png'), relativePath: 'album/2019/001.png' },
  { file: png('002.png'), relativePath: 'album/2019/beach/002.png' },
  { file: text('notes.txt'), relativePath: 'album/notes.txt' },
  { file: png('copy-of-001.png', '001.png'), relativePath: 'album/zz/copy-of-001.png' },
  { file: png('003.png'), relativePath: 'album/zz/003.png' },
];

describe('runIntake', () => {
  it('adds a folder: photos queued with their paths, the text file skipped, the copy not added twice', async () => {
    const list = new FakeList();
    const summary = await runIntake(folder(), { inspect: inspectFile, ...list.host });
    expect(list.view()).toEqual([
      ['album/2019/001.png', 'queued', undefined],
      ['album/2019/beach/002.png', 'queued', undefined],
      ['album/notes.txt', 'skipped', 'not a photo (text/plain)'],
      ['album/zz/003.png', 'queued', undefined],
    ]);
    expect(list.cards[0]?.record.hash).toBe(await sha256Hex(png('001.png')));
    expect(list.queued).toHaveLength(3);
    expect(summary).toBe('Added 3 photos. notes.txt was skipped: not a photo (text/plain). copy-of-001.png is already in the list as album/2019/001.png.');
  });

  it('adding the same folder again creates nothing and says so', async () => {
    const list = new FakeList();
    await runIntake(folder(), { inspect: inspectFile, ...list.host });
    const summary = await runIntake(folder(), { inspect: inspectFile, ...list.host });
    expect(list.cards).toHaveLength(4);
    expect(list.queued).toHaveLength(3);
    expect(summary).toBe('5 files are already in the list and were not added again.');
  });

  it('after a reload, adding the folder again re-queues exactly the unfinished items', async () => {
    const list = new FakeList();
    await runIntake(folder(), { inspect: inspectFile, ...list.host });
    // A reload: originals are gone, one photo was captioned, the others were interrupted.
    list.originals.clear();
    list.queued = [];
    list.cards[0]!.record.status = 'done';
    for (const i of [1, 3]) Object.assign(list.cards[i]!.record, { status: 'failed', error: 'Interrupted when the page was closed.' });
    const summary = await runIntake(folder(), { inspect: inspectFile, ...list.host });
    expect(list.cards).toHaveLength(4);
    expect(list.queued).toEqual([list.cards[1]!.record.id, list.cards[3]!.record.id]);
    expect(list.view().map(([, status]) => status)).toEqual(['done', 'queued', 'skipped', 'queued']);
    expect(list.cards[1]!.record.error).toBeUndefined();
    expect(list.originals.has(list.cards[0]!.record.id)).toBe(true); // the done one can be regenerated again
    expect(summary).toBe('002.png and 003.png were unfinished and are queued again. 001.png is already in the list as album/2019/001.png. notes.txt is already in the list as album/notes.txt. copy-of-001.png is already in the list as album/2019/001.png.');
  });

  it('after a reload, two copies of an unfinished photo in one folder queue its card once', async () => {
    const list = new FakeList();
    await runIntake(folder(), { inspect: inspectFile, ...list.host });
    list.originals.clear();
    list.queued = [];
    Object.assign(list.cards[1]!.record, { status: 'failed', error: 'Interrupted when the page was closed.' });
    const again = [{ file: png('002.png'), relativePath: 'album/2019/beach/002.png' }, { file: png('copy-of-002.png', '002.png'), relativePath: 'album/zz/copy-of-002.png' }];
    // The first copy is read only once the second is: both are planned before either is stored.
    let release!: () => void;
    const copyRead = new Promise<void>((r) => (release = r));
    const inspect = async (file: Blob) => {
      if ((file as File).name === '002.png') await copyRead;
      const inspection = await inspectFile(file);
      if ((file as File).name === 'copy-of-002.png') release();
      return inspection;
    };
    const summary = await runIntake(again, { inspect, ...list.host });
    expect(list.flushes.at(-1)).toBe(2); // both in one chunk: the second is found among the planned steps
    expect(list.queued).toEqual([list.cards[1]!.record.id]);
    expect(summary).toBe('002.png was unfinished and is queued again. copy-of-002.png is already in the list as album/2019/beach/002.png.');
  });

  it('stamps strictly increasing times, so the list keeps the folder order after a reload', async () => {
    const list = new FakeList();
    await runIntake(folder(), { inspect: inspectFile, ...list.host, clock: () => 42 });
    expect(list.cards.map((c) => c.record.createdAt)).toEqual([42, 43, 44, 45]);
  });

  it('a file that cannot be inspected becomes a skipped card with the reason, and the rest go on', async () => {
    const list = new FakeList();
    const inspect = async (file: Blob) => {
      if ((file as File).name === '002.png') throw new Error('the file reader stopped (out of memory)');
      return inspectFile(file);
    };
    await runIntake(folder(), { inspect, ...list.host });
    expect(list.view()[1]).toEqual(['album/2019/beach/002.png', 'skipped', 'it could not be read (the file reader stopped (out of memory))']);
    expect(list.cards).toHaveLength(4);
  });

  it('a worker crash fails only the file that caused it: the others it was reading are read again', async () => {
    const list = new FakeList();
    const tried = new Set<string>();
    const inspect = async (file: Blob) => {
      const { name } = file as File;
      // Every photo's first read fails (the worker crashed under them all); 003.png crashes it every time.
      const first = !tried.has(name);
      tried.add(name);
      if (name === '003.png' || (first && name.endsWith('.png'))) throw new Error('the file reader stopped (out of memory)');
      return inspectFile(file);
    };
    await runIntake(folder(), { inspect, ...list.host });
    expect(list.view()).toEqual([
      ['album/2019/001.png', 'queued', undefined],
      ['album/2019/beach/002.png', 'queued', undefined],
      ['album/notes.txt', 'skipped', 'not a photo (text/plain)'],
      ['album/zz/003.png', 'skipped', 'it could not be read (the file reader stopped (out of memory))'],
    ]);
  });

  it('hashes a few files at a time while the cards before them are stored, never more than INSPECTING', async () => {
    let inspecting = 0;
    let applying = false;
    let most = 0;
    let overlapped = false;
    const inspect = async (file: Blob) => {
      most = Math.max(most, ++inspecting);
      await macrotask();
      overlapped ||= applying;
      inspecting--;
      return inspectFile(file);
    };
    const list = new FakeList();
    const applyBatch = async (batch: readonly PlannedStep[]) => {
      applying = true;
      await macrotask();
      applying = false;
      return list.host.applyBatch(batch);
    };
    // A clock that moves on each read, so every chunk has waited long enough to go when the next file is not ready.
    let t = 0;
    await runIntake(Array.from({ length: INSPECTING + 8 }, (_, i) => ({ file: png(`${i}.png`) })), { inspect, lookup: list.host.lookup, applyBatch, clock: () => (t += CHUNK_PATIENCE_MS) });
    expect(list.cards).toHaveLength(INSPECTING + 8);
    expect(most).toBe(INSPECTING);
    expect(overlapped).toBe(true);
  });

  it('stores 600 photos in chunks of 250, and finds a copy of a photo planned earlier in the same chunk', async () => {
    // The first file is held until the inspections have run as far ahead as they may, so every
    // chunk is full before it is stored: the chunking, not the timing, is under test.
    let release!: () => void;
    const firstHeld = new Promise<void>((r) => (release = r));
    let calls = 0;
    const inspect = async (file: Blob) => {
      if (++calls === 250) release();
      if ((file as File).name === '0.png') await firstHeld;
      return { kind: 'png' as const, hash: (file as File).name.replace(/^copy-of-/, '') };
    };
    const names = Array.from({ length: 600 }, (_, i) => (i === 10 || i === 590 ? 'copy-of-3.png' : i === 20 ? 'copy-of-7.png' : `${i}.png`));
    const list = new FakeList();
    const applyBatch = async (batch: readonly PlannedStep[]) => {
      await macrotask(); // a transaction's worth of waiting, during which the next files are hashed
      return list.host.applyBatch(batch);
    };
    const summary = await runIntake(names.map((name) => ({ file: png(name) })), { inspect, lookup: list.host.lookup, applyBatch });
    expect(list.flushes).toEqual([250, 250, 100]);
    expect(list.cards).toHaveLength(597);
    expect(summary).toBe('Added 597 photos. copy-of-3.png is already in the list as 3.png. copy-of-7.png is already in the list as 7.png. copy-of-3.png is already in the list as 3.png.');
  });

  it('stores a chunk that has waited when the next file is still being read, not only when a chunk is full', async () => {
    let release!: () => void;
    const secondHeld = new Promise<void>((r) => (release = r));
    const list = new FakeList();
    const inspect = async (file: Blob) => {
      if ((file as File).name === 'b.png') await secondHeld;
      return inspectFile(file);
    };
    const applyBatch = async (batch: readonly PlannedStep[]) => {
      const applied = await list.host.applyBatch(batch);
      if (list.cards.length === 1) release(); // a.png's card is stored while b.png is still being read
      return applied;
    };
    let t = 0;
    await runIntake([{ file: png('a.png') }, { file: png('b.png') }], { inspect, lookup: list.host.lookup, applyBatch, clock: () => (t += CHUNK_PATIENCE_MS) });
    expect(list.flushes).toEqual([1, 1]);
  });

  it('keeps a young chunk open while the next file is read, so a folder is not stored a few photos at a time', async () => {
    const list = new FakeList();
    const inspect = async (file: Blob) => {
      await macrotask();
      return inspectFile(file);
    };
    await runIntake(Array.from({ length: 30 }, (_, i) => ({ file: png(`${i}.png`) })), { inspect, lookup: list.host.lookup, applyBatch: list.host.applyBatch, clock: () => 1 });
    expect(list.flushes).toEqual([30]);
  });

  it('an answer from the host replaces the planned step in the summary', async () => {
    const list = new FakeList();
    const applyBatch = async (batch: readonly PlannedStep[]) => {
      await list.host.applyBatch(batch);
      return batch.map(({ step }): IntakeStep | void => (step.action === 'add' && step.record.fileName === 'b.png' ? { action: 'duplicate', id: 'other', name: 'b.png', existing: 'elsewhere.png' } : undefined));
    };
    const summary = await runIntake([{ file: png('a.png') }, { file: png('b.png') }], { inspect: inspectFile, lookup: list.host.lookup, applyBatch });
    expect(summary).toBe('Added 1 photo. b.png is already in the list as elsewhere.png.');
  });
});

/** One turn of the event loop: every promise already under way settles first. */
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Intake', () => {
  it('runs batches one after another, so a photo in two quick drops is one card', async () => {
    const intake = new Intake();
    const list = new FakeList();
    const [first, second] = await Promise.all([intake.add([png('a.png')], list.host), intake.add([png('a-again.png', 'a.png'), png('b.png')], list.host)]);
    expect(list.cards.map((c) => c.record.fileName)).toEqual(['a.png', 'b.png']);
    expect(first).toBe('Added 1 photo.');
    expect(second).toBe('Added 1 photo. a-again.png is already in the list as a.png.');
  });

  it('accepts plain files as well as items with paths', async () => {
    const intake = new Intake();
    const list = new FakeList();
    await intake.add([png('loose.png'), { file: png('in.png'), relativePath: 'f/in.png' }], list.host);
    expect(list.view().map(([path]) => path)).toEqual(['loose.png', 'f/in.png']);
  });
});

describe('intakeSummary', () => {
  it('counts only photos as added: files picked by hand that are not photos are stated apart', async () => {
    const list = new FakeList();
    const picked = [png('a.png'), png('b.png'), text('notes.txt'), new File([], 'empty.jpg', { type: 'image/jpeg' })].map((file) => ({ file }));
    const summary = await runIntake(picked, { inspect: inspectFile, ...list.host });
    // Each still gets a card, so the person sees why it will not be captioned.
    expect(list.view()).toHaveLength(4);
    expect(summary).toBe('Added 2 photos. notes.txt is not a photo; its card says why. empty.jpg is not a photo; its card says why.');
    const many = [png('c.png'), ...['1', '2', '3', '4'].map((n) => text(`${n}.txt`))].map((file) => ({ file }));
    expect(await runIntake(many, { inspect: inspectFile, ...list.host })).toBe('Added 1 photo. 4 files were not added as photos (not a photo, empty or unreadable); each is listed with the reason.');
  });


  it('counts instead of naming when a folder brings many', () => {
    const skip = (i: number): IntakeStep => ({ action: 'skip', record: { id: `${i}`, fileName: `${i}.txt`, mimeType: 'text/plain', byteSize: 1, status: 'skipped', error: 'not a photo (text/plain)', text: '', review: 'unreviewed', createdAt: i, updatedAt: i } });
    const dup = (i: number): IntakeStep => ({ action: 'duplicate', id: `${i}`, name: `${i}.png`, existing: `${i}.png` });
    expect(intakeSummary([1, 2, 3, 4].map(skip))).toBe('4 files were not added as photos (not a photo, empty or unreadable); each is listed with the reason.');
    expect(intakeSummary([dup(1)])).toBe('1.png is already in the list.');
    expect(intakeSummary([])).toBe('');
  });
});
