/**
 * The stored record types as the UI needs them. src/ui never imports src/storage, not even
 * types, so the view of a card's record comes through the app layer, which owns storage.
 */
export type { CaptionRecord, CaptionReview, CaptionStatus, TextVersion } from '../storage';
