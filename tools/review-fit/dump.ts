import { readFileSync } from 'node:fs';
import type { PhotoQuality, ReviewBand, SecondOpinion, TextConfidence } from '../../src/models/review-signals.js';
import type { HardKind } from '../shapes-world/hard-set.js';

/**
 * One measured caption of the hard set: the stored result's review fields joined with the
 * manifest's truth. Written by e2e/review-bench.spec.ts (through the built app) and by
 * measure-node.ts (the first model alone in Node); read by fit.ts.
 */
export interface DumpRow {
  fileName: string;
  kind: HardKind;
  truth: string | null;
  detail?: string;
  /** The finished text the card shows (the merged choice when a second opinion ran). */
  text: string;
  /** The first model's raw text. */
  modelText?: string;
  modelId?: string;
  confidence?: TextConfidence;
  quality?: PhotoQuality;
  secondOpinion?: SecondOpinion;
  reviewPriority?: number;
  reviewBand?: ReviewBand;
  reviewReasons?: string[];
  durationMs?: number;
  /** The first model's id (from the bench's URL): when the merge chose the second text, the record's own fields are the second model's. */
  firstModelId?: string;
}

export interface Dump {
  seed: number;
  count: number;
  /** 'app': the built app in Chromium; 'node': transformers.js in Node, first model only. */
  source: 'app' | 'node';
  url?: string;
  models?: { first: string; second?: string };
  rows: DumpRow[];
}

/** The comparison the issue defines: lower-cased, the final period stripped, equal to the truth. */
export function normalised(text: string): string {
  return text.trim().toLowerCase().replace(/\.$/u, '');
}

/** A caption is right when it equals the truth; every caption of an out-of-world picture is wrong. */
export function isCorrect(text: string | undefined, truth: string | null): boolean {
  return truth !== null && text !== undefined && normalised(text) === truth;
}

export function loadDumps(paths: readonly string[]): Dump[] {
  return paths.map((path) => {
    const dump = JSON.parse(readFileSync(path, 'utf8')) as Dump;
    const firstModelId = dump.models?.first;
    return firstModelId ? { ...dump, rows: dump.rows.map((row) => ({ firstModelId, ...row })) } : dump;
  });
}
