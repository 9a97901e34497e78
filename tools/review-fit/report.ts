import type { ReviewModel } from '../../src/review/priority';
import type { Analysis } from './analyse';
import type { Dump } from './dump';

/** Placeholder until the full report is written. */
export function renderReport(input: { analysis: Analysis; model: ReviewModel; dumps: readonly Dump[]; command: string }): string {
  return JSON.stringify(input.analysis, null, 2);
}
