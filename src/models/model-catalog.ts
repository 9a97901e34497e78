import { MODELS, type ModelEntry } from './registry';

/**
 * The models a person can choose: the built-in registry plus the ones they added themselves.
 * Immutable: adding or removing returns a new catalog, so whoever holds one (the page's
 * custom-model store) decides when everyone sees the change, and nothing lives in a module global.
 */
export class ModelCatalog {
  readonly builtIn: readonly ModelEntry[];
  readonly custom: readonly ModelEntry[];

  constructor(custom: readonly ModelEntry[] = [], builtIn: readonly ModelEntry[] = MODELS) {
    this.builtIn = builtIn;
    // A custom entry never shadows a built-in one: ids are checked before entries are added.
    this.custom = custom.filter((entry) => !builtIn.some((b) => b.id === entry.id));
  }

  get all(): readonly ModelEntry[] {
    return [...this.builtIn, ...this.custom];
  }

  get ids(): string[] {
    return this.all.map((m) => m.id);
  }

  find(id: string): ModelEntry | undefined {
    return this.builtIn.find((m) => m.id === id) ?? this.custom.find((m) => m.id === id);
  }

  get(id: string): ModelEntry {
    const model = this.find(id);
    if (!model) throw new Error(`Unknown model "${id}"`);
    return model;
  }

  /** Adds or replaces a custom entry (same id: the newer one wins). */
  with(entry: ModelEntry): ModelCatalog {
    return new ModelCatalog([...this.custom.filter((m) => m.id !== entry.id), entry], this.builtIn);
  }

  without(id: string): ModelCatalog {
    return new ModelCatalog(
      this.custom.filter((m) => m.id !== id),
      this.builtIn,
    );
  }
}
