/**
 * The order a folder's files are added in: by name, numbers by value ("IMG_2" before "IMG_10"),
 * the way file managers show them.
 *
 * One collator for every sort: `localeCompare` with options builds a collator per comparison,
 * which made sorting a 10,000-photo folder one main-thread task of about half a second. Made at
 * the first sort, not when the page starts: building a collator loads locale data.
 */
let collator: Intl.Collator | undefined;

export function compareNames(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { numeric: true });
  return collator.compare(a, b);
}
