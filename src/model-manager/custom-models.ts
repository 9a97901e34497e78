import { CustomModelError, customModelEntry, DTYPE_SUFFIXES, familyOfConfig, REQUIRED_MODULES, type CustomModelFile } from '../models/custom-model';
import { ModelCatalog } from '../models/model-catalog';
import type { ModelEntry } from '../models/registry';
import { loadCustomModelEntries, saveCustomModelEntries, storeModelFolder } from '../storage';

/** Files a model folder may hold that transformers.js never reads (PyTorch weights, READMEs, images). */
const READ_BY_TRANSFORMERS = /\.(json|txt|jinja|model)$/i;

/**
 * The models the person added: a folder they picked (copied into IndexedDB, so it then works
 * without any network) or a folder URL (a mirror or an intranet server, downloaded on first use
 * like a hub model). Owns the catalog everyone resolves model ids through.
 */
export class CustomModels extends EventTarget {
  catalog = new ModelCatalog();
  busy = false;
  /** Why the last add failed, worded for the person; null when it did not. */
  error: string | null = null;
  /** What the last add did, for the live region. */
  message: string | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {
    super();
  }

  readonly find = (id: string): ModelEntry | undefined => this.catalog.find(id);

  async load(): Promise<void> {
    const entries = await loadCustomModelEntries().catch(() => []);
    this.catalog = new ModelCatalog(entries);
    this.changed();
  }

  /** Files from `<input webkitdirectory>`: their webkitRelativePath says where each one sits. */
  addFolder(files: readonly File[]): Promise<ModelEntry | null> {
    return this.adding(async () => {
      const { name, inFolder } = modelFolder(files);
      const onnx = inFolder.filter((f) => f.path.startsWith('onnx/'));
      const kept = [...inFolder.filter((f) => !f.path.startsWith('onnx/') && READ_BY_TRANSFORMERS.test(f.path)), ...onnx];
      const config = await parseConfig(inFolder.find((f) => f.path === 'config.json')?.file.text(), `the folder “${name}”`);
      const entry = customModelEntry({ config, files: kept.map(sized), origin: { kind: 'folder', name }, takenIds: this.catalog.ids });
      // Only the weight types this app would pick are copied: a folder often holds several.
      const used = new Set([entry.dtypes.wasm, entry.dtypes.webgpu, entry.webgpuF16Dtype].filter(Boolean));
      const needed = new Set(REQUIRED_MODULES[entry.family]);
      const copied = kept.filter((f) => !f.path.startsWith('onnx/') || DTYPE_SUFFIXES.some(([dtype, suffix]) => used.has(dtype) && [...needed].some((m) => f.path.startsWith(`onnx/${m}${suffix}.onnx`))));
      await storeModelFolder(`${this.modelsPath()}${entry.id}/`, copied.map((f) => ({ path: f.path, blob: f.file })));
      return entry;
    });
  }

  /** A folder URL that serves config.json and onnx/…; a Hub-style `<host>/<org>/<name>` gets `resolve/main/`. */
  addUrl(input: string): Promise<ModelEntry | null> {
    return this.adding(async () => {
      const { baseUrl, config } = await this.fetchConfig(input.trim());
      const family = familyOfConfig(config);
      const probes = REQUIRED_MODULES[family].flatMap((module) => DTYPE_SUFFIXES.map(([, suffix]) => `onnx/${module}${suffix}.onnx`));
      const sizes = await Promise.all(probes.map((path) => this.remoteSize(baseUrl + path)));
      const files = probes.flatMap((path, i) => (sizes[i] !== null ? [{ path, bytes: sizes[i] ?? 0 }] : []));
      return customModelEntry({ config, files, origin: { kind: 'url', baseUrl }, takenIds: this.catalog.ids });
    });
  }

  /** A folder model whose files were deleted cannot load again: its entry goes too. True when it went. */
  async forgetIfFolder(id: string): Promise<boolean> {
    if (this.catalog.custom.find((m) => m.id === id)?.source.kind !== 'folder') return false;
    this.catalog = this.catalog.without(id);
    await saveCustomModelEntries(this.catalog.custom).catch(() => {});
    this.changed();
    return true;
  }

  private async adding(add: () => Promise<ModelEntry>): Promise<ModelEntry | null> {
    this.busy = true;
    this.error = null;
    this.message = null;
    this.changed();
    try {
      const entry = await add();
      const next = this.catalog.with(entry);
      await saveCustomModelEntries(next.custom);
      this.catalog = next;
      this.message = `Added ${entry.label}. It is now selected in the model list.`;
      return entry;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  private async fetchConfig(input: string): Promise<{ baseUrl: string; config: unknown }> {
    let url: URL;
    try {
      url = new URL(input, globalThis.location?.href);
    } catch {
      throw new CustomModelError(`“${input}” is not a web address.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CustomModelError('The model folder URL must start with https:// or http://.');
    url.search = '';
    url.hash = '';
    const base = url.href.endsWith('/') ? url.href : `${url.href}/`;
    const candidates = [base];
    // `https://mirror/<org>/<name>` is how Hub mirrors name a model; its files are under resolve/main/.
    if (url.pathname.split('/').filter(Boolean).length === 2) candidates.push(`${base}resolve/main/`);
    for (const candidate of candidates) {
      const response = await this.fetchImpl(`${candidate}config.json`, { cache: 'no-store' }).catch((error: unknown) => {
        throw new CustomModelError(`Could not reach ${candidate} (${error instanceof Error ? error.message : String(error)}). Is the server up, and does it allow this page to read its files (CORS)?`);
      });
      if (response.ok) return { baseUrl: candidate, config: await parseConfig(response.text(), candidate) };
    }
    throw new CustomModelError(`There is no config.json at ${base}: point to the folder that holds config.json and the onnx folder.`);
  }

  private async remoteSize(url: string): Promise<number | null> {
    try {
      const response = await this.fetchImpl(url, { headers: { Range: 'bytes=0-0' }, cache: 'no-store' });
      void response.body?.cancel();
      if (!response.ok) return null;
      const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
      return Number(range?.[1] ?? response.headers.get('content-length') ?? 0);
    } catch {
      return null;
    }
  }

  /** Where transformers.js looks for local models, and so the prefix of their cache keys (see workers/transformers-env.ts). */
  private modelsPath(): string {
    // Only the path matters (the worker resolves the same against its own origin).
    return new URL('models/', new URL(this.baseUrl, 'http://origin.invalid')).pathname;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

interface FolderFile {
  path: string;
  file: File;
}

/** The model's own folder: the shallowest one holding config.json, so picking its parent works too. */
function modelFolder(files: readonly File[]): { name: string; inFolder: FolderFile[] } {
  const paths = files.map((file) => ({ file, path: (file.webkitRelativePath || file.name).split('\\').join('/') }));
  const config = paths.filter((f) => f.path === 'config.json' || f.path.endsWith('/config.json')).sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0];
  if (!config) {
    const picked = paths[0]?.path.split('/')[0] ?? 'the folder';
    throw new CustomModelError(`“${picked}” has no config.json: choose the folder that holds config.json and the onnx folder.`);
  }
  const root = config.path.slice(0, -'config.json'.length);
  const name = root.replace(/\/$/, '').split('/').pop() || 'model';
  const inFolder = paths.filter((f) => f.path.startsWith(root) && !/(^|\/)\./.test(f.path)).map((f) => ({ file: f.file, path: f.path.slice(root.length) }));
  return { name, inFolder };
}

function sized(f: FolderFile): CustomModelFile {
  return { path: f.path, bytes: f.file.size };
}

async function parseConfig(text: Promise<string> | undefined, where: string): Promise<unknown> {
  if (!text) throw new CustomModelError(`${where} has no config.json.`);
  try {
    return JSON.parse(await text) as unknown;
  } catch {
    throw new CustomModelError(`The config.json in ${where} is not valid JSON.`);
  }
}
