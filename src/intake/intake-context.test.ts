import { describe, expect, it } from 'vitest';
import type { CaptionRecord } from '../storage';
import { inspectFile } from './inspect-file';
import { intakeKeyOfRecord } from './intake-plan';
import { runIntake, type PlannedStep } from './run-intake';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name: string, content = name) => new File([new Uint8Array(PNG_HEAD), content], name, { type: 'image/png' });

/** Just enough of the controller's list: the records each batch adds. */
function list() {
  const records: CaptionRecord[] = [];
  return {
    records,
    lookup: (key: string) => {
      const record = records.find((r) => intakeKeyOfRecord(r) === key);
      return record && { record, hasOriginal: true };
    },
    applyBatch: async (batch: readonly PlannedStep[]) => {
      for (const { step } of batch) if ('record' in step) records.push(step.record);
      return [];
    },
  };
}

describe('the batch context on intake', () => {
  it('is stored with every card the batch adds, skipped files included', async () => {
    const host = list();
    await runIntake(
      [
        { file: png('a.png'), context: 'Acadia, 2019' },
        { file: new File(['notes'], 'notes.txt', { type: 'text/plain' }), relativePath: 'trip/notes.txt', context: 'Acadia, 2019' },
      ],
      { inspect: inspectFile, ...host },
    );
    expect(host.records.map((r) => [r.fileName, r.status, r.context])).toEqual([
      ['a.png', 'queued', 'Acadia, 2019'],
      ['notes.txt', 'skipped', 'Acadia, 2019'],
    ]);
  });

  it('is absent from cards added without one, and a photo already in the list keeps what it had', async () => {
    const host = list();
    await runIntake([{ file: png('a.png') }], { inspect: inspectFile, ...host });
    expect('context' in host.records[0]!).toBe(false);
    await runIntake([{ file: png('a copy.png', 'a.png'), context: 'Later' }, { file: png('b.png'), context: 'Later' }], { inspect: inspectFile, ...host });
    expect(host.records.map((r) => [r.fileName, r.context])).toEqual([
      ['a.png', undefined],
      ['b.png', 'Later'],
    ]);
  });
});
