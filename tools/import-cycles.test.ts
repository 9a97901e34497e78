import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, readSources } from './import-cycles';

/** The one-way import graph of README.md ("How it is built"): no file reaches itself through its imports. */
const FOLDERS = ['src', 'workers'];

const cyclesOf = (files: Record<string, string>): string[][] => findCycles(importGraph(new Map(Object.entries(files)), FOLDERS).edges);

describe('import cycle check', () => {
  it('finds a two-file cycle and names its path, also when one side imports only a type', () => {
    expect(
      cyclesOf({
        'src/app/a.ts': "import { b } from './b';\nexport const a = b;\n",
        'src/app/b.ts': "import type { A } from './a';\nexport const b: A | null = null;\n",
      }),
    ).toEqual([['src/app/a.ts', 'src/app/b.ts', 'src/app/a.ts']]);
  });

  it('follows re-exports, index files, dynamic imports and folders', () => {
    expect(
      cyclesOf({
        'src/storage/index.ts': "export { putResult } from './results';\n",
        'src/storage/results.ts': "export const putResult = () => import('../app/x');\n",
        'src/app/x.ts': "import { putResult } from '../storage';\nexport const x = putResult;\n",
      }),
    ).toEqual([['src/app/x.ts', 'src/storage/index.ts', 'src/storage/results.ts', 'src/app/x.ts']]);
  });

  it('passes a one-way graph, and ignores packages and commented-out imports', () => {
    expect(
      cyclesOf({
        'src/app/a.ts': "import { html } from 'lit';\nimport { b } from './b';\n// import { a } from './a';\nexport const a = [html, b];\n",
        'src/app/b.ts': "export const b = 'import { a } from \"./a\"';\n",
      }),
    ).toEqual([]);
  });

  it('reports a relative import it cannot resolve instead of silently dropping the edge', () => {
    const graph = importGraph(new Map([['src/app/a.ts', "import { gone } from './gone';\n"]]), FOLDERS);
    expect(graph.unresolved).toEqual(["src/app/a.ts: './gone'"]);
  });

  it('src/ and workers/ have no import cycles', () => {
    const graph = importGraph(readSources(new URL('..', import.meta.url).pathname, FOLDERS), FOLDERS);
    expect(graph.edges.size).toBeGreaterThan(100);
    expect(graph.unresolved).toEqual([]);
    expect(findCycles(graph.edges).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
