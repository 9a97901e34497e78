import { describe, expect, it } from 'vitest';
import { familyRow, MODEL_FAMILY_IDS, type ModelFamily } from './families';
import { budgetSize, UNBUDGETED } from './pixel-budget';

const TWELVE_MP = { width: 4000, height: 3000 };
const ONE_MP = { width: 1152, height: 864 };
const TINY = { width: 60, height: 40 };

/** Landscape sizes each family's photo is decoded to; portrait is the same turned. */
const EXPECTED: Partial<Record<ModelFamily, { twelveMp: [number, number]; oneMp: [number, number] }>> = {
  // Squashed to a square by their processors, so decoded straight to it: every row the model sees is a real one.
  'encoder-decoder': { twelveMp: [224, 224], oneMp: [224, 224] },
  florence2: { twelveMp: [768, 768], oneMp: [768, 768] },
  smolvlm: { twelveMp: [512, 512], oneMp: [512, 512] },
  'image-text-to-text': { twelveMp: [1024, 768], oneMp: [1024, 768] },
  // Area-capped (512² px), so a 12 MP and a 1 MP 4:3 photo land on the same size.
  'lfm2-vl': { twelveMp: [591, 443], oneMp: [591, 443] },
};

const sizeOf = (family: ModelFamily, photo: { width: number; height: number }): [number, number] => {
  const { width, height } = budgetSize(photo.width, photo.height, familyRow(family).pixelBudget);
  return [width, height];
};

describe('budgetSize per family', () => {
  for (const [family, expected] of Object.entries(EXPECTED) as [ModelFamily, NonNullable<(typeof EXPECTED)[ModelFamily]>][]) {
    it(`${family}: a 12 MP photo, a 1 MP photo and a tiny one, landscape and portrait`, () => {
      expect(sizeOf(family, TWELVE_MP)).toEqual(expected.twelveMp);
      expect(sizeOf(family, { width: 3000, height: 4000 })).toEqual([...expected.twelveMp].reverse());
      expect(sizeOf(family, ONE_MP)).toEqual(expected.oneMp);
      expect(sizeOf(family, { width: 864, height: 1152 })).toEqual([...expected.oneMp].reverse());
      expect(sizeOf(family, TINY)).toEqual([60, 40]);
      expect(sizeOf(family, { width: 40, height: 60 })).toEqual([40, 60]);
    });
  }

  // Every row, including ones added after this test was written.
  for (const family of MODEL_FAMILY_IDS) {
    it(`${family}: a 12 MP photo lands within its budget and at most about 1 MP, aspect kept unless squashed to a square`, () => {
      const budget = familyRow(family).pixelBudget;
      const [width, height] = sizeOf(family, TWELVE_MP);
      expect(Math.max(width, height)).toBeLessThanOrEqual(budget.longEdge);
      expect(width * height).toBeLessThanOrEqual(Math.min(budget.maxPixels, 1024 * 1024));
      if (budget.shape === 'square') expect([width, height]).toEqual([budget.longEdge, budget.longEdge]);
      else expect(Math.abs(width / height - 4 / 3)).toBeLessThan(0.01);
    });
  }
});

describe('budgetSize', () => {
  it('lets the area cap bind before the long edge, never stepping over it by rounding', () => {
    const wide = { longEdge: 2048, maxPixels: 1_000_000 };
    // 4000×3000 at √(1e6/12e6): 1154.7 × 866.0 rounds to 1155 × 866 = 1,000,230 px, one row too many.
    expect(budgetSize(4000, 3000, wide)).toEqual({ width: 1154, height: 866 });
    expect(budgetSize(2000, 500, wide)).toEqual({ width: 2000, height: 500 });
  });

  it('keeps a panorama thin side at least one pixel', () => {
    expect(budgetSize(20000, 10, familyRow('lfm2-vl').pixelBudget)).toEqual({ width: 1024, height: 1 });
  });

  it('caps each side of a square budget on its own and never upscales either', () => {
    const square = familyRow('florence2').pixelBudget;
    expect(budgetSize(20000, 10, square)).toEqual({ width: 768, height: 10 });
    expect(budgetSize(500, 3000, square)).toEqual({ width: 500, height: 768 });
  });

  it('without a family budget, keeps the side every adapter got before budgets', () => {
    expect(budgetSize(3000, 1000, UNBUDGETED)).toEqual({ width: 1024, height: 341 });
    expect(budgetSize(1024, 1024, UNBUDGETED)).toEqual({ width: 1024, height: 1024 });
  });
});
