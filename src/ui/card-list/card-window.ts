/**
 * Pure geometry of a windowed list: where each item starts, which items meet a viewport,
 * and which extra items must stay rendered (the focused card and its neighbours).
 * Kept apart from the element so it can be tested without layout.
 */

/** A half-open range of item indexes, [start, end). */
export interface IndexRange {
  start: number;
  end: number;
}

/** offsets[i] is where item i starts; offsets[n] is the total height. */
export function buildOffsets(heights: readonly number[]): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]!;
  return offsets;
}

/** The item covering position y (clamped to the first and last item). */
export function indexAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let low = 0;
  let high = n - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The items that meet [top, bottom] in list coordinates. */
export function rangeFor(offsets: Float64Array, top: number, bottom: number): IndexRange {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: 0 };
  const start = indexAt(offsets, Math.max(0, top));
  const end = Math.max(start, indexAt(offsets, Math.max(0, bottom))) + 1;
  return { start, end: Math.min(n, end) };
}

/** Sorted, merged ranges: touching or overlapping ranges become one, empty ones are dropped. */
export function mergeRanges(ranges: readonly IndexRange[]): IndexRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const merged: IndexRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * What to render: the viewport's items plus, around the focused item, one before and one
 * after, so Tab and Shift+Tab always find the next card already in the document.
 */
export function renderedRanges(count: number, visible: IndexRange, focused: number): IndexRange[] {
  const ranges = [visible];
  if (focused >= 0 && focused < count) ranges.push({ start: Math.max(0, focused - 1), end: Math.min(count, focused + 2) });
  return mergeRanges(ranges);
}

/** Two lists of ranges are the same: the element re-renders only when the window moves. */
export function sameRanges(a: readonly IndexRange[], b: readonly IndexRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r.start === b[i]!.start && r.end === b[i]!.end);
}

/** Every item of `range` is in one of `ranges` (sorted and merged, as renderedRanges gives them). */
export function covers(ranges: readonly IndexRange[], range: IndexRange): boolean {
  if (range.end <= range.start) return true;
  return ranges.some((r) => r.start <= range.start && range.end <= r.end);
}
