import { MODELS, type ModelEntry } from '../../models/registry';

/** A model the second-opinion select offers, and why it needs no download. */
export interface SecondOpinionChoice {
  entry: ModelEntry;
  via: 'device' | 'app';
}

/**
 * The models that can give a second opinion on `chosen`'s captions: another family (a different
 * architecture errs differently), and no download, as compare-controller's `refreshModels`
 * decides: served by this app, or its files already on this device. A second opinion never starts
 * a download (SecondOpinions refuses one), so offering a model that needs one would only fail later.
 */
export function secondOpinionChoices(
  chosen: ModelEntry | undefined,
  /** Ids of the models with files on this device (the model library). */
  downloaded: readonly string[],
  lookup: (id: string) => ModelEntry | undefined,
): SecondOpinionChoice[] {
  const otherFamily = (m: ModelEntry): boolean => m.id !== chosen?.id && m.family !== chosen?.family;
  const onDevice = downloaded
    .map(lookup)
    .filter((m): m is ModelEntry => m !== undefined && m.source.kind !== 'app' && otherFamily(m))
    .map((entry) => ({ entry, via: 'device' as const }));
  const served = MODELS.filter((m) => m.source.kind === 'app' && otherFamily(m)).map((entry) => ({ entry, via: 'app' as const }));
  return [...onDevice, ...served];
}
