import type { PixelBudget } from './families';

/** Width and height in pixels. */
export interface PixelSize {
  width: number;
  height: number;
}

/**
 * What a photo is decoded to before no family is known (a model still loading, a test captioner):
 * the side every adapter was handed before families declared budgets.
 */
export const UNBUDGETED: PixelBudget = { longEdge: 1024, maxPixels: 1024 * 1024 };

/**
 * The size a width×height photo is decoded to under `budget`: the aspect ratio kept, the long
 * edge within `longEdge`, the area within `maxPixels`, and never larger than the photo (a tiny
 * picture is the processor's to upscale; our copy would add nothing but bytes). A 'square' budget
 * caps each side on its own: the processor squashes to that square anyway.
 */
export function budgetSize(width: number, height: number, budget: PixelBudget): PixelSize {
  if (budget.shape === 'square') return { width: Math.min(width, budget.longEdge), height: Math.min(height, budget.longEdge) };
  const scale = Math.min(1, budget.longEdge / Math.max(width, height), Math.sqrt(budget.maxPixels / (width * height)));
  if (scale >= 1) return { width, height };
  const fit = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
  // Rounding up both sides can step a pixel row over the area cap; rounding down never does.
  if (fit.width * fit.height <= budget.maxPixels) return fit;
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}
