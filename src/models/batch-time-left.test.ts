import { describe, expect, it } from 'vitest';
import { PhotoPace } from './batch-estimate';
import { batchEstimate, EstimateAnnouncer, estimateSentence } from './batch-time-left';
import { DISTILVIT, fakeSpeeds as speeds, FLORENCE } from './model-speeds-fake';

function pace(msPerPhoto: number, key = `${FLORENCE}|wasm`): PhotoPace {
  const p = new PhotoPace();
  for (let i = 0; i < 4; i++) p.add(key, { wallMs: msPerPhoto });
  return p;
}

describe('batchEstimate', () => {
  it('names the model, the rest of the batch, and the faster model this device can run', () => {
    const estimate = batchEstimate(pace(3_084), 8_950, speeds())!;
    expect(estimate).toMatchObject({ remaining: 8_950, modelId: FLORENCE, modelName: 'Florence-2 base', switchingTo: null });
    expect(estimate.faster?.modelName).toBe('DistilViT');
    expect(estimateSentence(estimate)).toBe('≈ 7 h 40 min for 8,950 photos with Florence-2 base; ≈ 1 h 30 min with DistilViT');
  });

  it('offers nothing without a model table, and nothing before the pace is known', () => {
    expect(batchEstimate(pace(3_084), 8_950)).toMatchObject({ modelName: FLORENCE, faster: null });
    expect(batchEstimate(new PhotoPace(), 8_950, speeds())).toBeNull();
  });

  it('says a switch is under way instead of offering it again', () => {
    expect(batchEstimate(pace(3_084), 8_950, speeds(DISTILVIT))).toMatchObject({ faster: null, switchingTo: 'DistilViT' });
  });
});

describe('EstimateAnnouncer', () => {
  it('speaks the estimate when first known, then at most every ten minutes and only when its words change', () => {
    let t = 0;
    const announcer = new EstimateAnnouncer(() => t);
    const first = announcer.due(batchEstimate(pace(3_084), 8_950, speeds()));
    expect(first).toBe('Estimated time left: ≈ 7 h 40 min for 8,950 photos with Florence-2 base; ≈ 1 h 30 min with DistilViT, at 3.1 s per photo on this device. A button under the progress switches the remaining photos to DistilViT.');
    t += 60_000;
    expect(announcer.due(batchEstimate(pace(3_084), 8_930, speeds()))).toBeNull();
    t += 10 * 60_000;
    expect(announcer.due(batchEstimate(pace(3_084), 8_949, speeds()))).toBeNull();
    expect(announcer.due(batchEstimate(pace(3_084), 8_700, speeds()))).toMatch(/^Estimated time left: ≈ 7 h 30 min for 8,700 photos/);
  });

  it('speaks again at once for a new batch or another model', () => {
    const announcer = new EstimateAnnouncer(() => 0);
    expect(announcer.due(batchEstimate(pace(3_000), 100, speeds()))).not.toBeNull();
    expect(announcer.due(null)).toBeNull();
    expect(announcer.due(batchEstimate(pace(3_000), 100, speeds()))).not.toBeNull();
    expect(announcer.due(batchEstimate(pace(600, `${DISTILVIT}|wasm`), 90, speeds(DISTILVIT)))).toBe('Estimated time left: ≈ 1 min for 90 photos with DistilViT, at 0.6 s per photo on this device.');
  });
});
