import { describe, expect, it } from 'vitest';
import type { CaptionRecord } from '../storage';
import { inspectFile, sha256Hex } from './inspect-file';
import { findKnownCard, Intake } from './intake';
import type { IntakeStep } from './intake-plan';
import { intakeSummary, runIntake } from './run-intake';
import type { IntakeItem } from './walk-entries';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name: string, content = name) => new File([new Uint8Array(PNG_HEAD), content], name, { type: 'image/png' });
const text = (name: string) => new File([`notes in ${name}`], name, { type: 'text/plain' });

/** A list like the controller's: cards plus which originals this session holds. */
class FakeList {
  cards: { record: CaptionRecord }[] = [];
  originals = new Map<string, File>();
  queued: string[] = [];
  host = {
    lookup: (key: string) => findKnownCard(this.cards, this.originals, key),
    apply: async (step: IntakeStep) => {
      if ('record' in step) this.cards.push({ record: step.record });
      else if (step.patch) Object.assign(this.find(step.id)!.record, step.patch);
      const id = 'record' in step ? step.record.id : step.id;
      if ('file' in step && step.file) this.originals.set(id, step.file);
      if (step.action === 'add' || step.action === 'requeue') this.queued.push(id);
    },
  };
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
      ['album/notes.txt', 'skipped', 'not an image (text/plain)'],
      ['album/zz/003.png', 'queued', undefined],
    ]);
    expect(list.cards[0]?.record.hash).toBe(await sha256Hex(png('001.png')));
    expect(list.queued).toHaveLength(3);
    expect(summary).toBe('Added 3 photos. notes.txt was skipped: not an image (text/plain). copy-of-001.png is already in the list as album/2019/001.png.');
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

  it('reads the next file while the previous card is saved, never more than one ahead', async () => {
    let inspecting = 0;
    let applying = false;
    let most = 0;
    let overlapped = false;
    const pause = () => new Promise((r) => setTimeout(r, 2));
    const inspect = async (file: Blob) => {
      most = Math.max(most, ++inspecting);
      await pause();
      overlapped ||= applying;
      inspecting--;
      return inspectFile(file);
    };
    const list = new FakeList();
    const apply = async (step: IntakeStep) => {
      applying = true;
      await pause();
      await list.host.apply(step);
      applying = false;
    };
    await runIntake(Array.from({ length: 8 }, (_, i) => ({ file: png(`${i}.png`) })), { inspect, lookup: list.host.lookup, apply });
    expect(list.cards).toHaveLength(8);
    expect(most).toBe(1);
    expect(overlapped).toBe(true);
  });
});

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
  it('counts instead of naming when a folder brings many', () => {
    const skip = (i: number): IntakeStep => ({ action: 'skip', record: { id: `${i}`, fileName: `${i}.txt`, mimeType: 'text/plain', byteSize: 1, status: 'skipped', error: 'not an image (text/plain)', text: '', review: 'unreviewed', createdAt: i, updatedAt: i } });
    const dup = (i: number): IntakeStep => ({ action: 'duplicate', id: `${i}`, name: `${i}.png`, existing: `${i}.png` });
    expect(intakeSummary([1, 2, 3, 4].map(skip))).toBe('4 files were skipped because they are not photos; each is listed with the reason.');
    expect(intakeSummary([dup(1)])).toBe('1.png is already in the list.');
    expect(intakeSummary([])).toBe('');
  });
});
