import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The folder boundaries of README.md ("How it is built"), checked by running the project's real ESLint config. */
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('folder boundaries', () => {
  it('src/ui cannot import transformers.js or onnxruntime', async () => {
    expect(await problems('src/ui/x/x.ts', "import { pipeline } from '@huggingface/transformers';\nexport const p = pipeline;\n")).toEqual([
      expect.stringContaining('All ML code lives in workers/'),
    ]);
    expect(await problems('src/ui/x/x.ts', "import * as ort from 'onnxruntime-web/webgpu';\nexport const o = ort;\n")).toHaveLength(1);
  });

  it('src/ui may import worker code only as types', async () => {
    expect(await problems('src/ui/x/x.ts', "import { CaptionWorkerApi } from '../../../workers/caption-api';\nexport const a = CaptionWorkerApi;\n")).toEqual([
      expect.stringContaining('worker types only'),
    ]);
    expect(await problems('src/ui/x/x.ts', "import type { CaptionWorkerApi } from '../../../workers/caption-api';\nexport type A = CaptionWorkerApi;\n")).toEqual([]);
  });

  it('src/ui does not touch storage or comlink directly', async () => {
    expect(await problems('src/ui/x/x.ts', "import { listResults } from '../../storage';\nexport const l = listResults;\n")).toHaveLength(1);
    expect(await problems('src/ui/x/x.ts', "import { wrap } from 'comlink';\nexport const w = wrap;\n")).toHaveLength(1);
  });

  it('src/ui may not import storage even for types; the record types come through src/app', async () => {
    expect(await problems('src/ui/x/x.ts', "import type { CaptionRecord } from '../../storage/schema';\nexport type R = CaptionRecord;\n")).toEqual([
      expect.stringContaining('not even its types'),
    ]);
    expect(await problems('src/ui/x/x.ts', "import type { CaptionRecord } from '../../app/card-view';\nexport type R = CaptionRecord;\n")).toEqual([]);
  });

  it('src/app never imports src/ui, not even types', async () => {
    expect(await problems('src/app/x.ts', "import type { ManagedModel } from '../ui/model-manager/model-manager';\nexport type M = ManagedModel;\n")).toEqual([
      expect.stringContaining('src/app never imports src/ui/'),
    ]);
    expect(await problems('src/app/x.ts', "import { listResults } from '../storage';\nexport const l = listResults;\n")).toEqual([]);
    // The app keeps the page-layer rules it shares with storage.
    expect(await problems('src/app/x.ts', "import { html } from 'lit';\nexport const h = html;\n")).toEqual([expect.stringContaining('Rendering belongs in src/ui/')]);
  });

  it('src/model-manager imports neither src/ui nor src/app, and keeps the page-layer rules', async () => {
    expect(await problems('src/model-manager/x.ts', "import type { ManagedModel } from '../ui/model-manager/model-manager';\nexport type M = ManagedModel;\n")).toEqual([
      expect.stringContaining('src/model-manager sits under src/app/'),
    ]);
    expect(await problems('src/model-manager/x.ts', "import type { CardView } from '../app/card-view';\nexport type C = CardView;\n")).toHaveLength(1);
    expect(await problems('src/model-manager/x.ts', "import { listCachedModels } from '../storage';\nexport const l = listCachedModels;\n")).toEqual([]);
    expect(await problems('src/model-manager/x.ts', "import { html } from 'lit';\nexport const h = html;\n")).toEqual([expect.stringContaining('Rendering belongs in src/ui/')]);
    expect(await problems('src/model-manager/x.ts', "export const w = new Worker(new URL('./w.ts', import.meta.url), { type: 'module' });\n")).toEqual([expect.stringContaining('Only src/client/ creates workers')]);
  });

  it('src/metadata-export never imports src/ui, and may build on src/app', async () => {
    expect(await problems('src/metadata-export/x.ts', "import type { SaveScope } from '../ui/results-toolbar/save-with-alt-text';\nexport type S = SaveScope;\n")).toEqual([
      expect.stringContaining('src/metadata-export never imports src/ui/'),
    ]);
    expect(await problems('src/metadata-export/x.ts', "import { downloadBlob } from '../app/results-transfer';\nexport const d = downloadBlob;\n")).toEqual([]);
    expect(await problems('src/metadata-export/x.ts', "import { pipeline } from '@huggingface/transformers';\nexport const p = pipeline;\n")).toEqual([
      expect.stringContaining('All ML code lives in workers/'),
    ]);
  });

  it('src/storage imports neither src/app nor src/ui', async () => {
    expect(await problems('src/storage/x.ts', "import type { CardView } from '../app/card-view';\nexport type C = CardView;\n")).toEqual([
      expect.stringContaining('bottom page layer'),
    ]);
    expect(await problems('src/storage/x.ts', "import type { ModelDeleteDetail } from '../ui/model-manager/model-manager';\nexport type D = ModelDeleteDetail;\n")).toHaveLength(1);
    expect(await problems('src/storage/x.ts', "import type { ModelView } from '../model-manager/model-session';\nexport type V = ModelView;\n")).toHaveLength(1);
    expect(await problems('src/storage/x.ts', "import type { AltTextFlag } from '../alttext';\nexport type F = AltTextFlag;\n")).toEqual([]);
  });

  it('only src/client creates workers', async () => {
    const code = "export const w = new Worker(new URL('./w.ts', import.meta.url), { type: 'module' });\n";
    expect(await problems('src/app/x.ts', code)).toEqual([expect.stringContaining('Only src/client/ creates workers')]);
    expect(await problems('src/client/x.ts', code)).toEqual([]);
  });

  it('src/models stays pure: no browser globals, no imports from other layers', async () => {
    expect(await problems('src/models/x.ts', 'export const gpu = navigator.gpu;\n')).toEqual([expect.stringContaining("'navigator'")]);
    expect(await problems('src/models/x.ts', "import { listResults } from '../storage';\nexport const l = listResults;\n")).toHaveLength(1);
    expect(await problems('src/models/x.ts', "import { MODELS } from './registry';\nexport const m = MODELS;\n")).toEqual([]);
  });

  it('src/alttext stays pure too', async () => {
    expect(await problems('src/alttext/x.ts', 'export const d = document.title;\n')).toEqual([expect.stringContaining("'document'")]);
    expect(await problems('src/alttext/x.ts', "import type { CaptionOptions } from '../models/model-types';\nexport type C = CaptionOptions;\n")).toEqual([]);
    expect(await problems('src/alttext/x.ts', "import { listResults } from '../storage';\nexport const l = listResults;\n")).toHaveLength(1);
  });

  it('workers do not import UI code', async () => {
    expect(await problems('workers/x.ts', "import { html } from 'lit';\nexport const h = html;\n")).toHaveLength(1);
  });
});

describe('unit tests do not race the clock', () => {
  it('forbids vi.waitFor and vi.waitUntil in test files, pointing at the wait helpers', async () => {
    const code = "import { expect, it, vi } from 'vitest';\nit('x', async () => {\n  await vi.waitFor(() => expect(1).toBe(1));\n  await vi.waitUntil(() => true);\n});\n";
    expect(await problems('src/app/x.test.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-properties: .*vi\.waitFor.*src\/test-support\/wait\.ts/),
      expect.stringMatching(/^no-restricted-properties: .*vi\.waitUntil.*src\/test-support\/wait\.ts/),
    ]);
    expect(await problems('workers/x.test.ts', code)).toHaveLength(2);
  });

  it('allows waiting on an event or a promise', async () => {
    const code = "import { it } from 'vitest';\nimport { until } from '../test-support/wait';\nconst target = new EventTarget();\nit('x', async () => {\n  await until(target, 'change', () => true);\n});\n";
    expect(await problems('src/app/x.test.ts', code)).toEqual([]);
  });
});
