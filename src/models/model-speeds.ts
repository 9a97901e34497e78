import { shortModelName } from './batch-estimate';
import { measuredSpeed, secondsPerPhoto as measuredSecondsPerPhoto } from './measured-speed';
import type { Capabilities, Device, DevicePreference } from './model-types';
import { pickRuntime } from './pick-runtime';
import { recommendModel } from './recommend-model';
import type { ModelEntry } from './registry';
import type { ModelSpeeds } from './batch-time-left';
import type { FasterCandidate } from './batch-estimate';

export interface ModelSpeedsDeps {
  /** What the device advisor probed; null until then, and nothing is offered before it is known. */
  capabilities(): Capabilities | null;
  /** The built-in registry and the person's added models. */
  models(): readonly ModelEntry[];
  lookup(modelId: string): ModelEntry | undefined;
  preference(): DevicePreference;
  chosen(): string;
  useModel(modelId: string): void;
  /** measured-speed.ts's table; tests pass their own. */
  secondsPerPhoto?: (modelId: string, device: Device) => number | null;
  /**
   * Whether a model's number may be offered as faster: a number timed on a smaller stand-in is a
   * lower bound, and a lower bound must not promise a saving. The current model may rest on one:
   * that only understates the saving.
   */
  offerable?: (modelId: string) => boolean;
}

/**
 * The batch estimate's view of the models: their names, and the ones this device can run instead,
 * each with its measured time per photo relative to the current model's. A model is a candidate
 * only where recommendModel does not reject it (storage, memory, GPU buffers) and pickRuntime
 * gives it a device, and only when both it and the current model were measured on that device
 * kind: an unmeasured model is never offered. Test fixtures are offered only instead of a fixture
 * (tests), and people's models only instead of a people's model.
 */
export function modelSpeeds(deps: ModelSpeedsDeps): ModelSpeeds {
  const seconds = deps.secondsPerPhoto ?? measuredSecondsPerPhoto;
  // From the measured table, only a model whose own number was measured (or derived head to head
  // from its measured shape) is offered, never a shape estimate; injected numbers say their own.
  const offerable = deps.offerable ?? (deps.secondsPerPhoto ? () => true : (modelId: string) => measuredSpeed(modelId)?.basis === 'measured');
  // The capabilities do not change during a visit: the list per model and device is worked out once.
  const known = new Map<string, readonly FasterCandidate[]>();
  const work = (modelId: string, device: string, caps: Capabilities): readonly FasterCandidate[] => {
    const current = deps.lookup(modelId);
    const base = seconds(modelId, device as Device);
    if (!current || base === null || !(base > 0)) return [];
    const models = deps.models();
    let rejected: Set<string>;
    try {
      rejected = new Set(recommendModel(caps, models, deps.preference()).rejected.map((r) => r.modelId));
    } catch {
      return [];
    }
    return models.flatMap((model) => {
      if (model.id === modelId || Boolean(model.fixture) !== Boolean(current.fixture) || rejected.has(model.id) || !offerable(model.id)) return [];
      const runtime = runtimeOf(caps, model, deps.preference());
      const theirs = runtime && seconds(model.id, runtime.device);
      return theirs ? [{ modelId: model.id, ratio: theirs / base }] : [];
    });
  };
  return {
    name: (modelId) => shortModelName(deps.lookup(modelId)?.label ?? modelId),
    chosen: () => deps.chosen(),
    useModel: (modelId) => deps.useModel(modelId),
    candidates(modelId, device) {
      const caps = deps.capabilities();
      if (!caps) return [];
      const key = `${modelId}|${device}`;
      let list = known.get(key);
      if (!list) known.set(key, (list = work(modelId, device, caps)));
      return list;
    },
  };
}

function runtimeOf(caps: Capabilities, model: ModelEntry, preference: DevicePreference) {
  try {
    return pickRuntime(caps, model, preference);
  } catch {
    return null;
  }
}
