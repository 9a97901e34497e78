import type { CaptionCall, CaptionClient, ModelReady } from '../client/caption-client';
import type { DownloadPlan } from '../models/download-plan';
import type { CaptionOptions, CaptionOutcome, DevicePreference } from '../models/model-types';
import type { PhotoQuality, TextConfidence } from '../models/review-signals';
import { clearResults, deleteMeta } from '../storage';
import type { AltscribeController } from '../app/altscribe-controller';
import type { CardView } from '../app/card-view';

/**
 * Fakes shared by the review-flow unit tests (review-flow, second-opinion, review-scorer,
 * refresh-ai-texts): a caption client whose replies carry token confidence and photo quality,
 * and waits on the controller's store and queue, never on the clock.
 */

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// The name is in the bytes: photos are one item per content hash, and these are different photos.
export const png = (name: string): File => new File([new Uint8Array([...PNG_HEAD, 1, 2, 3]), name], name, { type: 'image/png' });

/**
 * Token confidence for `text`: every word at `sure` unless named in `unsure` (word → probability).
 * The default `sure` is a model all but certain: token doubt is scored on a log scale down to the
 * ten-thousandths, where a word at 0.99 already counts as doubt.
 */
export function confidenceOf(text: string, unsure: Record<string, number> = {}, sure = 0.99999): TextConfidence {
  const words = text.split(' ').map((word) => ({ word, prob: unsure[word] ?? sure }));
  const probs = words.map((w) => w.prob);
  const meanLogProb = probs.reduce((sum, p) => sum + Math.log(p), 0) / probs.length;
  // Entropy follows surprise closely enough for the features: unsure steps are spread out.
  const meanEntropy = Math.min(3, -meanLogProb * 1.5);
  return { words, minProb: Math.min(...probs), meanLogProb, meanEntropy, maxEntropy: meanEntropy * 2, tokens: words.length + 1 };
}

/** A sharp, well-exposed, clean photo: no quality feature says "likely wrong". */
export const GOOD_QUALITY: PhotoQuality = { width: 640, height: 480, sharpness: 1000, contrast: 0.3, noise: 0, bytesPerPixel: 1 };

export interface Reply {
  text: string;
  confidence?: TextConfidence;
  quality?: PhotoQuality;
}

/** Stands in for the worker: streams words, honours abort, answers with `reply(fileName, call)`. */
export class ReviewFakeClient implements Pick<CaptionClient, 'ensureModel' | 'caption' | 'planDownload'> {
  /** File names captioned, in call order. */
  readonly captions: string[] = [];
  readonly loaded: string[] = [];
  readonly planned: string[] = [];
  reply: (fileName: string, call: number) => Reply = () => ({ text: 'a red circle' });
  failOn = new Set<string>();
  /** Held captions, by call number. */
  readonly gates = new Map<number, Promise<void>>();
  /** Files `planDownload` says are still to download (0 = the model is cached). */
  filesToDownload = 0;
  /** Called as each caption starts, for a test to know the model is looking. */
  onCaption: (fileName: string) => void = () => undefined;

  ensureModel(modelId: string): Promise<ModelReady> {
    this.loaded.push(modelId);
    return Promise.resolve({ modelId, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: 'test' });
  }

  planDownload(modelId: string, _preference: DevicePreference): ReturnType<CaptionClient['planDownload']> {
    this.planned.push(modelId);
    const plan: DownloadPlan = { files: [], totalBytes: 1, bytesToDownload: this.filesToDownload, filesToDownload: this.filesToDownload, exact: true };
    return Promise.resolve({ choice: {} as Awaited<ReturnType<CaptionClient['planDownload']>>['choice'], plan });
  }

  async caption(_image: Blob, fileName: string, _options: CaptionOptions, call: CaptionCall = {}): Promise<CaptionOutcome> {
    const n = this.captions.push(fileName) - 1;
    this.onCaption(fileName);
    if (this.failOn.has(fileName)) throw new Error('[inference-failed] The model failed on ' + fileName);
    const { text: full, confidence, quality } = this.reply(fileName, n);
    let text = '';
    for (const word of full.split(' ')) {
      await this.gates.get(n);
      if (call.signal?.aborted) return { text: text.trim(), interrupted: true, durationMs: 1, width: 8, height: 8, thumbnail: null };
      text += word + ' ';
      call.onText?.(word + ' ');
    }
    return { text: text.trim(), interrupted: false, durationMs: 5, width: 8, height: 8, thumbnail: null, ...(confidence ? { confidence } : {}), ...(quality ? { quality } : {}) };
  }
}

/** Resolves once `holds` is true of the controller's cards, checked on every change to the store. */
export function untilCards(c: AltscribeController, holds: (cards: readonly CardView[]) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (holds(c.cards)) return resolve();
    const stop = c.store.subscribe(() => {
      if (!holds(c.cards)) return;
      stop();
      resolve();
    });
  });
}

/** Every card finished and the first pass's queue idle, checked on each store or queue change. */
export function settled(c: AltscribeController): Promise<void> {
  const done = () => !c.queue.busy && c.queue.size === 0 && c.cards.every((x) => !['queued', 'running'].includes(x.record.status));
  return new Promise((resolve) => {
    const check = (): void => {
      if (!done()) return;
      stop();
      c.queue.removeEventListener('change', check);
      resolve();
    };
    const stop = c.store.subscribe(check);
    c.queue.addEventListener('change', check);
    check();
  });
}

/** Results, saved settings and the saved calibration gone: each test starts on an empty device. */
export async function clearDevice(): Promise<void> {
  await clearResults();
  await deleteMeta('settings');
  await deleteMeta('review-calibration');
}

export function byName(c: AltscribeController, fileName: string): CardView['record'] {
  const card = c.cards.find((x) => x.record.fileName === fileName);
  if (!card) throw new Error(`No card for ${fileName}`);
  return card.record;
}
