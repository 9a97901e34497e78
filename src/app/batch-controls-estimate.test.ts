import { describe, expect, it } from 'vitest';
import type { CaptionRecord } from '../storage';
import { batchCounter, BatchControls, type QueueHost } from './batch-controls';
import { SerialQueue } from './caption-queue';
import { CardStore } from './card-store';
import { TabCoordinator } from './tab-coordinator';
import { DISTILVIT, fakeSpeeds as speeds, FLORENCE } from '../models/model-speeds-fake';

/** This tab's photos p0…pN with a status each, as the caption runner leaves them. */
class Host implements QueueHost {
  readonly store = new CardStore([batchCounter]);
  readonly queue = new SerialQueue();
  cancel(): void {}
  retry(): void {}
  add(count: number): void {
    this.store.add(Array.from({ length: count }, (_, i) => ({ record: { id: `p${i}`, fileName: `p${i}.jpg`, status: 'queued' } as unknown as CaptionRecord, canRetry: true })));
  }
  set(id: string, patch: Partial<CaptionRecord>): void {
    this.store.update(id, (card) => ({ ...card, record: { ...card.record, ...patch } }));
  }
}

describe('BatchControls with an estimate', () => {
  function setup() {
    let t = 0;
    const host = new Host();
    const table = speeds();
    const controls = new BatchControls(host, new TabCoordinator(undefined, undefined), { now: () => t, setTitle: () => undefined, schedule: () => undefined, coalesce: (run) => run(), speeds: table });
    const spoken: string[] = [];
    controls.addEventListener('announce', (e) => spoken.push((e as CustomEvent<string>).detail));
    /** Photo `i` runs for `ms` on Florence-2 (WASM), the model's share 90 % of it. */
    const caption = (i: number, ms: number, modelId = FLORENCE) => {
      host.set(`p${i}`, { status: 'running' });
      t += ms;
      host.set(`p${i}`, { status: 'done', modelId, device: 'wasm', durationMs: ms * 0.9 });
    };
    return { host, controls, table, spoken, caption, advance: (ms: number) => (t += ms) };
  }

  it('shows the estimate after the first photo and three measured ones, from the store’s own changes', () => {
    const { host, controls, caption, spoken } = setup();
    host.add(1_000);
    caption(0, 30_000);
    for (const i of [1, 2]) caption(i, 10_000);
    expect(controls.view.estimate).toBeNull();
    caption(3, 10_000);
    expect(controls.view.estimate).toMatchObject({ remaining: 996, msPerPhoto: 10_000, modelName: 'Florence-2 base' });
    expect(controls.view.estimate?.faster?.modelId).toBe(DISTILVIT);
    expect(spoken.filter((s) => s.startsWith('Estimated'))).toHaveLength(1);
    caption(4, 10_000);
    expect(controls.view.estimate?.remaining).toBe(995);
    expect(spoken.filter((s) => s.startsWith('Estimated'))).toHaveLength(1);
  });

  it('switches the model for the rest through the model change, then waits for the new model’s own pace', () => {
    const { host, controls, table, caption, spoken } = setup();
    host.add(1_000);
    for (const i of [0, 1, 2, 3]) caption(i, 10_000);
    controls.useFasterModel();
    expect(table.used).toEqual([DISTILVIT]);
    expect(spoken.at(-1)).toBe('The remaining photos will use DistilViT; a new estimate follows after its first few photos.');
    expect(controls.view.estimate).toMatchObject({ faster: null, switchingTo: 'DistilViT' });
    for (const i of [4, 5, 6]) caption(i, 2_000, DISTILVIT);
    expect(controls.view.estimate).toBeNull();
    caption(7, 2_000, DISTILVIT);
    expect(controls.view.estimate).toMatchObject({ modelName: 'DistilViT', msPerPhoto: 2_000, switchingTo: null });
  });

  it('does not count a pause between photos as work', () => {
    const { host, controls, caption, advance } = setup();
    host.add(20);
    for (const i of [0, 1, 2, 3]) {
      caption(i, 10_000);
      controls.pause();
      advance(3_600_000);
      controls.resume();
    }
    expect(controls.view.estimate?.msPerPhoto).toBe(10_000);
    expect(controls.view.snapshot?.etaMs).toBe(16 * 10_000);
  });
});
