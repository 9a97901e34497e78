import { describe, expect, it } from 'vitest';
import type { CaptionRecord } from '../storage';
import { intakeKeyOfItem, intakeKeyOfRecord, planIntake } from './intake-plan';

const stamp = { id: 'new-id', now: 5_000 };
const png = (name = 'a.png') => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1])], name, { type: 'image/png' });
const text = (name = 'notes.txt') => new File(['hello'], name, { type: 'text/plain' });
const image = { kind: 'png' as const, hash: 'h1' };

function stored(overrides: Partial<CaptionRecord> = {}): CaptionRecord {
  return { id: 'old', fileName: 'a.png', hash: 'h1', mimeType: 'image/png', byteSize: 5, status: 'done', text: 'A red circle.', review: 'unreviewed', createdAt: 1, updatedAt: 1, ...overrides };
}

describe('planIntake: new files', () => {
  it('a new photo becomes a queued card with its hash and relative path', () => {
    const file = png();
    const step = planIntake({ file, relativePath: 'album/2019/a.png' }, image, undefined, stamp);
    expect(step).toEqual({
      action: 'add',
      file,
      record: { id: 'new-id', fileName: 'a.png', relativePath: 'album/2019/a.png', hash: 'h1', mimeType: 'image/png', byteSize: 5, status: 'queued', text: '', review: 'unreviewed', createdAt: 5_000, updatedAt: 5_000 },
    });
  });

  it('a pasted photo without a file name is called a photo', () => {
    const step = planIntake({ file: png('') }, image, undefined, stamp);
    expect(step.action === 'add' && step.record.fileName).toBe('pasted photo');
  });

  it('a loose photo has no relative path field at all', () => {
    const step = planIntake({ file: png() }, image, undefined, stamp);
    expect(step.action === 'add' && 'relativePath' in step.record).toBe(false);
  });

  it('a non-image from a folder becomes a skipped card that says why', () => {
    const step = planIntake({ file: text(), relativePath: 'album/notes.txt' }, { kind: null }, undefined, stamp);
    expect(step.action).toBe('skip');
    expect(step.action === 'skip' && step.record).toMatchObject({ status: 'skipped', error: 'not a photo (text/plain)', fileName: 'notes.txt', relativePath: 'album/notes.txt' });
    expect(step.action === 'skip' && 'hash' in step.record).toBe(false);
  });

  it('names an unknown type and an empty file', () => {
    const odd = planIntake({ file: new File(['x'], 'data.bin'), relativePath: 'a/data.bin' }, { kind: null }, undefined, stamp);
    const empty = planIntake({ file: new File([], 'empty.jpg', { type: 'image/jpeg' }), relativePath: 'a/empty.jpg' }, { kind: null }, undefined, stamp);
    expect(odd.action === 'skip' && odd.record.error).toBe('not a photo (unknown type)');
    expect(empty.action === 'skip' && empty.record.error).toBe('it is empty (0 bytes)');
  });

  it('a non-image picked on its own is still added, so its card fails with the full explanation', () => {
    expect(planIntake({ file: text() }, { kind: null }, undefined, stamp).action).toBe('add');
  });

  it('an unreadable entry is skipped with the reason the walk found', () => {
    const step = planIntake({ file: new File([], 'locked.png'), relativePath: 'a/locked.png', unreadable: 'it could not be read (NotReadableError)' }, { kind: null }, undefined, stamp);
    expect(step.action === 'skip' && step.record.error).toBe('it could not be read (NotReadableError)');
  });
});

describe('planIntake: a file already in the list', () => {
  it('the same photo again is a duplicate, not a new card; a finished card held by this session needs nothing', () => {
    const step = planIntake({ file: png('copy.png') }, image, { record: stored(), hasOriginal: true }, stamp);
    expect(step).toEqual({ action: 'duplicate', id: 'old', name: 'copy.png', existing: 'a.png' });
  });

  it('gives a card its relative path when it had none, and never replaces one it has', () => {
    const adds = planIntake({ file: png(), relativePath: 'album/a.png' }, image, { record: stored(), hasOriginal: true }, stamp);
    expect(adds.action === 'duplicate' && adds.patch).toEqual({ relativePath: 'album/a.png' });
    const keeps = planIntake({ file: png(), relativePath: 'other/a.png' }, image, { record: stored({ relativePath: 'album/a.png' }), hasOriginal: true }, stamp);
    expect(keeps.action === 'duplicate' && keeps.patch).toBe(undefined);
    expect(keeps.action === 'duplicate' && keeps.existing).toBe('album/a.png');
  });

  it.each(['failed', 'queued', 'running'] as const)('an unfinished (%s) card without its original is queued again with the new file', (status) => {
    const file = png();
    const step = planIntake({ file, relativePath: 'album/a.png' }, image, { record: stored({ status, text: '', error: 'Interrupted when the page was closed.' }), hasOriginal: false }, stamp);
    expect(step).toEqual({
      action: 'requeue',
      id: 'old',
      name: 'a.png',
      file,
      patch: { status: 'queued', error: undefined, text: '', modelText: undefined, flags: undefined, regenerated: undefined, relativePath: 'album/a.png' },
    });
  });

  it('does not re-run a card whose original this session already has (it is queued or can be retried)', () => {
    expect(planIntake({ file: png() }, image, { record: stored({ status: 'failed' }), hasOriginal: true }, stamp).action).toBe('duplicate');
  });

  it('a finished or cancelled card gets the original back for Retry and Regenerate, without running again', () => {
    const file = png();
    for (const status of ['done', 'cancelled'] as const) {
      const step = planIntake({ file }, image, { record: stored({ status }), hasOriginal: false }, stamp);
      expect(step).toMatchObject({ action: 'duplicate', file });
    }
  });

  it("never re-queues a person's or an imported text", () => {
    for (const review of ['edited', 'approved', 'imported'] as const) {
      expect(planIntake({ file: png() }, image, { record: stored({ status: 'failed', review }), hasOriginal: false }, stamp).action).toBe('duplicate');
    }
  });

  it('a skipped file seen again is a duplicate and gets no original (there is nothing to caption)', () => {
    const step = planIntake({ file: text(), relativePath: 'album/notes.txt' }, { kind: null }, { record: stored({ status: 'skipped', hash: undefined }), hasOriginal: false }, stamp);
    expect(step.action).toBe('duplicate');
    expect('file' in step).toBe(false);
  });
});

describe('intake keys', () => {
  it('photos are one item per hash, whatever their name or place', () => {
    expect(intakeKeyOfItem({ file: png('x.png'), relativePath: 'a/x.png' }, image)).toBe('h1');
    expect(intakeKeyOfRecord(stored({ fileName: 'other.png' }))).toBe('h1');
  });

  it('skipped files match by place and size; a record without hash that was not skipped matches nothing', () => {
    const item = { file: text(), relativePath: 'album/notes.txt' };
    const key = intakeKeyOfItem(item, { kind: null });
    expect(key).toBe(intakeKeyOfRecord(stored({ hash: undefined, status: 'skipped', fileName: 'notes.txt', relativePath: 'album/notes.txt', byteSize: 5 })));
    expect(intakeKeyOfItem({ file: new File(['longer text'], 'notes.txt'), relativePath: 'album/notes.txt' }, { kind: null })).not.toBe(key);
    expect(intakeKeyOfRecord(stored({ hash: undefined, status: 'failed' }))).toBeUndefined();
    expect(intakeKeyOfItem({ file: text() }, { kind: null })).toBeUndefined();
  });
});
