import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of the app's own code, built from relative specifiers only: the project has
 * no path aliases, so every edge between its files is a relative import. Type-only imports,
 * re-exports and dynamic imports all count, because the graph is meant to be one-way as the
 * code reads, not only as it runs.
 */
export interface ImportGraph {
  /** File (posix path, relative to the root) → the files it imports, in source order. */
  edges: Map<string, string[]>;
  /** Relative specifiers that point inside the graph's folders but match no file there. */
  unresolved: string[];
}

const CANDIDATES = (path: string): string[] => [path, `${path}.ts`, `${path}/index.ts`, path.replace(/\.js$/, '.ts')];

/** `sources` maps posix paths (e.g. "src/app/x.ts") to their text; `folders` are the graph's roots. */
export function importGraph(sources: ReadonlyMap<string, string>, folders: readonly string[]): ImportGraph {
  const edges = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const [file, text] of sources) {
    const targets: string[] = [];
    for (const { fileName: specifier } of ts.preProcessFile(text, true, false).importedFiles) {
      // A JSON module imports nothing, so it can close no cycle.
      if (!specifier.startsWith('.') || specifier.endsWith('.json')) continue;
      const path = posix.normalize(posix.join(posix.dirname(file), specifier));
      const target = CANDIDATES(path).find((candidate) => sources.has(candidate));
      if (target) targets.push(target);
      else if (folders.some((folder) => path.startsWith(`${folder}/`))) unresolved.push(`${file}: '${specifier}'`);
    }
    edges.set(file, targets);
  }
  return { edges, unresolved };
}

/**
 * One cycle per strongly connected group of files, each written as the path that closes it
 * ("a.ts → b.ts → a.ts"), so a failure names the imports to untangle.
 */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm: files that can reach each other end up in one component.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.add(member);
    } while (member !== file);
    const selfImport = edges.get(file)?.includes(file) ?? false;
    if (component.size > 1 || selfImport) cycles.push(pathBack(file, component, edges));
  };

  for (const file of [...edges.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles;
}

/** The shortest import path from `start` back to itself, staying inside its component. */
function pathBack(start: string, component: ReadonlySet<string>, edges: ReadonlyMap<string, readonly string[]>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const next of edges.get(file) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at: string | undefined = file; at !== start && at !== undefined; at = cameFrom.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Every .ts file under the given folders of `root`, read into the map importGraph takes. */
export function readSources(root: string, folders: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>();
  for (const folder of folders) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const full = join(entry.parentPath, entry.name);
      sources.set(relative(root, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  }
  return sources;
}
