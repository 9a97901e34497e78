/**
 * Which captions are withheld from training: a fixed tenth, chosen by a string hash so the data
 * script and the accuracy test agree without sharing state.
 */
export function isWithheld(caption: string): boolean {
  let hash = 2166136261;
  for (let i = 0; i < caption.length; i++) {
    hash = Math.imul(hash ^ caption.charCodeAt(i), 16777619) >>> 0;
  }
  return hash % 10 === 0;
}
