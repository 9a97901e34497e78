import { html } from 'lit';
import type { AltscribeController } from '../../app/altscribe-controller';
import type { StatusFilter } from '../../app/result-filters';
import type { ReviewBand } from '../../models/review-signals';
import { MODELS, type ModelEntry } from '../../models/registry';
import type { ReviewPriorityVerbs } from '../review-priority/review-priority';
import '../review-priority/review-priority';

/**
 * The review-priority panel's verbs, made once per page: the panel gets the same object on every
 * render, so a card's change does not look like new verbs to it.
 */
export function reviewPriorityVerbs(controller: () => AltscribeController, announce: (message: string) => void): ReviewPriorityVerbs {
  return {
    refreshPlan: (modelId) => controller().refreshPlan(modelId),
    refreshAiTexts: (modelId) => controller().refreshAiTexts(modelId),
    resetCalibration: () => controller().reviews.reset(),
    announce,
  };
}

/** Below the batch: the doubt summary, calibration and the refresh of unreviewed texts. */
export function renderReviewPriority(
  controller: AltscribeController,
  customModels: readonly ModelEntry[],
  counts: Record<StatusFilter, number>,
  bands: Record<ReviewBand, number>,
  verbs: ReviewPriorityVerbs,
) {
  return html`<review-priority
    .bands=${bands}
    .finished=${counts.unreviewed + counts.edited + counts.approved}
    .unreviewed=${counts.unreviewed}
    .calibration=${controller.reviews.state}
    .models=${[...MODELS, ...customModels]}
    .currentModelId=${controller.model.settings.modelId}
    .verbs=${verbs}
  ></review-priority>`;
}
