/**
 * Decides which existing item each imported alt-text belongs to. Pure and generic: it returns
 * the caller's own row and item objects, and never writes anything, so the UI can show the
 * outcome (and ask about the doubtful ones) before a single text is replaced.
 */
import type { ImportedAltText } from './rows';

/** What matching needs from an item; today's CaptionRecord fits, and so will one with paths and hashes. */
export interface MatchableItem {
  fileName: string;
  relativePath?: string;
  hash?: string;
}

export type MatchKey = 'hash' | 'relativePath' | 'fileName';

export interface ImportMatch<R, I> {
  row: R;
  item: I;
  by: MatchKey;
}

/** Several items fit equally well; guessing would put a text on the wrong image. */
export interface AmbiguousImport<R, I> {
  row: R;
  by: MatchKey;
  candidates: I[];
}

/** A later row that lands on an item an earlier row already took. The first row wins. */
export interface DuplicateImport<R, I> {
  row: R;
  item: I;
  firstRow: R;
}

export interface ImportMatching<R, I> {
  matched: ImportMatch<R, I>[];
  ambiguous: AmbiguousImport<R, I>[];
  duplicates: DuplicateImport<R, I>[];
  unmatched: R[];
}

type Outcome<I> = { kind: 'match'; item: I; by: MatchKey } | { kind: 'ambiguous'; candidates: I[]; by: MatchKey } | { kind: 'none' };

/**
 * Tries, in order of how surely each identifies an image:
 * 1. hash — the same bytes are the same picture, whatever the file is called now;
 * 2. relative path — unique within one dropped folder;
 * 3. file name — the only key today's results have, and the one most likely to collide.
 *
 * Comparisons are case-sensitive (IMG_1.jpg and img_1.jpg are different files on most systems);
 * hashes are compared lowercased and paths with \ read as /, so a sheet made on Windows works.
 * A key that hits several items is reported as ambiguous rather than resolved by order. If a
 * key matches nothing, the next one is tried: a re-encoded file keeps its name but not its hash.
 */
export function matchImported<R extends ImportedAltText, I extends MatchableItem>(
  rows: readonly R[],
  items: readonly I[],
): ImportMatching<R, I> {
  const byHash = groupBy(items, (item) => (item.hash ? item.hash.toLowerCase() : undefined));
  const byPath = groupBy(items, (item) => (item.relativePath ? normalizePath(item.relativePath) : undefined));
  const byName = groupBy(items, (item) => item.fileName || undefined);

  const result: ImportMatching<R, I> = { matched: [], ambiguous: [], duplicates: [], unmatched: [] };
  const claimedBy = new Map<I, R>();

  for (const row of rows) {
    const outcome = matchRow(row, byHash, byPath, byName);
    if (outcome.kind === 'none') {
      result.unmatched.push(row);
    } else if (outcome.kind === 'ambiguous') {
      result.ambiguous.push({ row, by: outcome.by, candidates: outcome.candidates });
    } else {
      const firstRow = claimedBy.get(outcome.item);
      if (firstRow !== undefined) {
        result.duplicates.push({ row, item: outcome.item, firstRow });
      } else {
        claimedBy.set(outcome.item, row);
        result.matched.push({ row, item: outcome.item, by: outcome.by });
      }
    }
  }
  return result;
}

function matchRow<I extends MatchableItem>(
  row: ImportedAltText,
  byHash: ReadonlyMap<string, I[]>,
  byPath: ReadonlyMap<string, I[]>,
  byName: ReadonlyMap<string, I[]>,
): Outcome<I> {
  const rowPath = row.relativePath ? normalizePath(row.relativePath) : undefined;

  if (row.hash) {
    const sameBytes = byHash.get(row.hash.toLowerCase()) ?? [];
    // Copies of one file under several names: the row's path or name may say which copy it meant.
    const narrowed = narrow(sameBytes, (item) => rowPath !== undefined && item.relativePath !== undefined && normalizePath(item.relativePath) === rowPath);
    const picked = narrow(narrowed, (item) => item.fileName === row.fileName);
    const outcome = decide(picked, 'hash');
    if (outcome.kind !== 'none') return outcome;
  }

  if (rowPath !== undefined) {
    const outcome = decide(byPath.get(rowPath) ?? [], 'relativePath');
    if (outcome.kind !== 'none') return outcome;
  }

  // A row with only a path still has a file name: the last path segment.
  const name = row.fileName ?? (rowPath !== undefined ? basename(rowPath) : undefined);
  if (name) {
    // Same name in a different folder is a different picture; don't let the name fallback
    // pair "2023/cover.jpg" with "2024/cover.jpg".
    const candidates = (byName.get(name) ?? []).filter((item) => pathsCompatible(rowPath, item.relativePath));
    return decide(candidates, 'fileName');
  }
  return { kind: 'none' };
}

function decide<I>(candidates: I[], by: MatchKey): Outcome<I> {
  const [first] = candidates;
  if (first === undefined) return { kind: 'none' };
  return candidates.length === 1 ? { kind: 'match', item: first, by } : { kind: 'ambiguous', candidates, by };
}

/** Keeps only the candidates passing the test, unless none do: a filter that empties the list tells nothing. */
function narrow<I>(candidates: I[], test: (item: I) => boolean): I[] {
  if (candidates.length < 2) return candidates;
  const kept = candidates.filter(test);
  return kept.length > 0 ? kept : candidates;
}

/**
 * Missing paths are compatible with anything (today's items have none). Otherwise one path
 * must equal the other or end with it at a folder boundary, because dropping "Photos" or
 * "Photos/2023" yields different roots for the same file.
 */
function pathsCompatible(rowPath: string | undefined, itemPath: string | undefined): boolean {
  if (rowPath === undefined || itemPath === undefined) return true;
  const a = normalizePath(itemPath);
  return a === rowPath || a.endsWith(`/${rowPath}`) || rowPath.endsWith(`/${a}`);
}

function normalizePath(path: string): string {
  return path.replaceAll('\\', '/');
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function groupBy<I>(items: readonly I[], keyOf: (item: I) => string | undefined): Map<string, I[]> {
  const groups = new Map<string, I[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
