/**
 * Alt-text finishing rules: pure functions shared by the worker (cleaning model output) and
 * the page (re-checking a person's edits). No DOM, no browser globals.
 */
export { cleanAltText, finishAltText, type FinishedAltText } from './finish-alt-text';
export {
  ALT_TEXT_FLAGS,
  FLAG_DESCRIPTIONS,
  MAX_CHARACTERS,
  MIN_WORDS,
  SOFT_MAX_CHARACTERS,
  flagAltText,
  flagModelOutput,
  shouldRegenerate,
  worstSeverity,
  type AltTextFlag,
  type FlagSeverity,
} from './flags';
export { findHedges } from './hedges';
export { looksLikeFilename } from './filename-like';
export { findRepetition, type RepetitionFinding, type RepetitionKind } from './repetition';
export { strongerRepetitionSettings, type RepetitionSettings } from './regeneration-settings';
export { stripLeadIns } from './lead-ins';
