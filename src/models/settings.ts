import type { DevicePreference, Dtype } from './model-types';
import { DEFAULT_MODEL_ID, findModel } from './registry';
import { defaultLanguage, ENGLISH, supportedLanguage } from './languages';

export interface Settings {
  modelId: string;
  device: DevicePreference;
  /** Advanced, URL only (?dtype=fp16): force a weight type instead of the device's default. */
  dtype?: Dtype;
  /** A model from another family that gives a second opinion (?second=…); absent: none. */
  secondModelId?: string;
  /** Which captions get the second opinion: absent = those whose first-pass priority is at least SECOND_OPINION_FROM (src/review/priority.ts); 'all' (?secondScope=all) = every one. */
  secondScope?: 'all';
  /**
   * False (?zoomCheck=off) skips the review check that scores each caption on a zoomed-out copy
   * of its photo: about one more model pass per photo, and the strongest single signal of a wrong
   * caption (docs/review-priority.md). Absent: on.
   */
  zoomCheck?: false;
  /**
   * The alt-text language (a primary subtag, ?lang=fr) when it is not English; absent: English,
   * the model's output as it is. Saved settings keep 'en' explicitly, so choosing English sticks
   * in a browser set to another language.
   */
  language?: string;
}

const DEVICES: readonly DevicePreference[] = ['auto', 'webgpu', 'wasm'];
const DTYPES: readonly Dtype[] = ['fp32', 'fp16', 'q8', 'q4', 'q4f16'];

/**
 * Settings come from, in order: the URL (?model=…&device=…&lang=…, for links and tests), what
 * the person chose last time, then the defaults (the language: the browser's, when supported). Unknown values are ignored, never fatal.
 */
export function resolveSettings(
  search: string,
  stored: unknown,
  isKnownModel: (id: string) => boolean = (id) => findModel(id) !== undefined,
  browserLanguage: string | undefined = globalThis.navigator?.language,
): Settings {
  const params = new URLSearchParams(search);
  const saved = typeof stored === 'object' && stored !== null ? (stored as Partial<Record<keyof Settings, unknown>>) : undefined;
  const pickModel = (id: unknown): string | undefined => (typeof id === 'string' && isKnownModel(id) ? id : undefined);
  const pickDevice = (d: unknown): DevicePreference | undefined => DEVICES.find((x) => x === d);
  const dtype = DTYPES.find((x) => x === params.get('dtype'));
  const modelId = pickModel(params.get('model')) ?? pickModel(saved?.modelId) ?? DEFAULT_MODEL_ID;
  // ?second=none turns a saved second opinion off for this visit.
  const second = params.has('second') ? pickModel(params.get('second')) : pickModel(saved?.secondModelId);
  const scope = params.get('secondScope') ?? saved?.secondScope;
  const zoomCheckOff = params.has('zoomCheck') ? params.get('zoomCheck') === 'off' : saved?.zoomCheck === false;
  const language = supportedLanguage(params.get('lang')) ?? supportedLanguage(saved?.language) ?? defaultLanguage(browserLanguage);
  return {
    modelId,
    device: pickDevice(params.get('device')) ?? pickDevice(saved?.device) ?? 'auto',
    ...(dtype ? { dtype } : {}),
    ...(second && second !== modelId ? { secondModelId: second } : {}),
    ...(scope === 'all' ? { secondScope: 'all' as const } : {}),
    ...(zoomCheckOff ? { zoomCheck: false as const } : {}),
    ...(language !== ENGLISH ? { language } : {}),
  };
}
