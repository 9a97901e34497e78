import { describe, expect, it } from 'vitest';
import { estimateText, fasterChoice, formatDuration, formatPerPhoto, median, PhotoPace, shortModelName } from './batch-estimate';

const FLORENCE = 'florence|wasm';

/** A pace that has measured these wall times (the first photo, the warm-up, is added before them). */
function paced(walls: readonly number[], modelShare?: number, key = FLORENCE): PhotoPace {
  const pace = new PhotoPace();
  pace.add(key, { wallMs: 60_000 });
  for (const wallMs of walls) pace.add(key, modelShare === undefined ? { wallMs } : { wallMs, modelMs: wallMs * modelShare });
  return pace;
}

describe('PhotoPace', () => {
  it('states no pace until three photos after the first are measured', () => {
    const pace = new PhotoPace();
    pace.add(FLORENCE, { wallMs: 3_000 });
    pace.add(FLORENCE, { wallMs: 3_000 });
    pace.add(FLORENCE, { wallMs: 3_000 });
    expect(pace.msPerPhoto()).toBeNull();
    pace.add(FLORENCE, { wallMs: 3_000 });
    expect(pace.msPerPhoto()).toBe(3_000);
    expect(pace.measured).toBe(3);
  });

  it('leaves the first photo after a load out, however slow it was', () => {
    expect(paced([3_000, 3_200, 2_800]).msPerPhoto()).toBe(3_000);
  });

  it('takes the median, so one slow photo (a sleeping laptop, a huge file) does not swing it', () => {
    const pace = paced([3_000, 3_100, 2_900, 3_000]);
    pace.add(FLORENCE, { wallMs: 3_600_000 });
    expect(pace.msPerPhoto()).toBe(3_000);
  });

  it('follows a change of pace within the window', () => {
    const pace = paced([10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
    for (let i = 0; i < 5; i++) pace.add(FLORENCE, { wallMs: 2_000 });
    expect(pace.msPerPhoto()).toBe(2_000);
  });

  it('starts over, warm-up included, when another model or device finishes a photo', () => {
    const pace = paced([3_000, 3_000, 3_000]);
    pace.add('distilvit|wasm', { wallMs: 900 });
    expect(pace.measuring).toBe('distilvit|wasm');
    expect(pace.measured).toBe(0);
    expect(pace.msPerPhoto()).toBeNull();
  });

  it('scales only the model’s share of a photo for another model', () => {
    // 10 s a photo, 8 of them in the model: a model four times as fast takes 2 + 8/4 = 4 s.
    expect(paced([10_000, 10_000, 10_000], 0.8).projectedMsPerPhoto(0.25)).toBeCloseTo(4_000);
    // Without the model's own timings the whole photo scales.
    expect(paced([10_000, 10_000, 10_000]).projectedMsPerPhoto(0.25)).toBeCloseTo(2_500);
  });

  it('ignores timings that cannot be right', () => {
    const pace = paced([3_000, 3_000, 3_000]);
    pace.add(FLORENCE, { wallMs: Number.NaN });
    pace.add(FLORENCE, { wallMs: -5 });
    expect(pace.measured).toBe(3);
  });
});

describe('fasterChoice', () => {
  const remaining = 8_950;
  // About 3.1 s a photo: ≈ 7 h 40 min for the rest.
  const pace = paced([3_100, 3_050, 3_150], 0.9);

  it('offers the model that saves the most when it saves at least 30 % and 10 min', () => {
    const choice = fasterChoice(pace, remaining, [
      { modelId: 'smolvlm', ratio: 2 },
      { modelId: 'vit-gpt2', ratio: 0.5 },
      { modelId: 'distilvit', ratio: 0.2 },
    ]);
    expect(choice?.modelId).toBe('distilvit');
    expect(choice!.remainingMs).toBeCloseTo((310 + 2_790 * 0.2) * remaining);
  });

  it('gives a tie to the candidate listed first', () => {
    expect(fasterChoice(pace, remaining, [{ modelId: 'distilvit', ratio: 0.2 }, { modelId: 'vit-gpt2', ratio: 0.2 }])?.modelId).toBe('distilvit');
  });

  it('offers nothing for a saving under 30 %, however long the batch', () => {
    expect(fasterChoice(pace, remaining, [{ modelId: 'near', ratio: 0.75 }])).toBeNull();
  });

  it('offers nothing for a saving under 10 minutes, however large the share', () => {
    // 100 photos at 3.1 s: about 5 min in all, so even a model ten times as fast saves under 10 min.
    expect(fasterChoice(pace, 100, [{ modelId: 'distilvit', ratio: 0.1 }])).toBeNull();
  });

  it('offers nothing before the pace is known, when nothing remains, or for a ratio that is no number', () => {
    expect(fasterChoice(new PhotoPace(), remaining, [{ modelId: 'distilvit', ratio: 0.2 }])).toBeNull();
    expect(fasterChoice(pace, 0, [{ modelId: 'distilvit', ratio: 0.2 }])).toBeNull();
    expect(fasterChoice(pace, remaining, [{ modelId: 'x', ratio: Number.NaN }, { modelId: 'y', ratio: 0 }, { modelId: 'z', ratio: Number.POSITIVE_INFINITY }])).toBeNull();
  });
});

describe('words', () => {
  it('writes durations coarser as they grow', () => {
    expect(formatDuration(0)).toBe('under a minute');
    expect(formatDuration(29_000)).toBe('under a minute');
    expect(formatDuration(12 * 60_000 + 20_000)).toBe('≈ 12 min');
    expect(formatDuration(59 * 60_000 + 40_000)).toBe('≈ 1 h');
    expect(formatDuration((7 * 60 + 38) * 60_000)).toBe('≈ 7 h 40 min');
    expect(formatDuration(2 * 3_600_000 + 4 * 60_000)).toBe('≈ 2 h');
    expect(formatDuration(30.4 * 3_600_000)).toBe('≈ 30 h');
    expect(formatDuration(150 * 3_600_000)).toBe('≈ 6 days');
  });

  it('writes one photo’s time', () => {
    expect(formatPerPhoto(840)).toBe('0.8 s');
    expect(formatPerPhoto(12_400)).toBe('12 s');
    expect(formatPerPhoto(80_000)).toBe('1 min 20 s');
    expect(formatPerPhoto(120_000)).toBe('2 min');
  });

  it('writes the estimate with the count as the page writes counts', () => {
    expect(estimateText((7 * 60 + 40) * 60_000, 8_950, 'Florence-2 base')).toBe('≈ 7 h 40 min for 8,950 photos with Florence-2 base');
    expect(estimateText(20_000, 1, 'DistilViT')).toBe('under a minute for 1 photo with DistilViT');
  });

  it('names a model without its parenthesis', () => {
    expect(shortModelName('Florence-2 base (Microsoft)')).toBe('Florence-2 base');
    expect(shortModelName('SmolVLM 256M Instruct')).toBe('SmolVLM 256M Instruct');
  });

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
