import { getMeta, setMeta, type MetaValue } from '../storage';
import { isCopyFormat, type CopyFormat } from './copy-as';

const COPY_FORMAT_KEY = 'copyFormat';

export interface CopyFormatStore {
  get(key: string): Promise<MetaValue | undefined>;
  set(key: string, value: MetaValue): Promise<void>;
}

/**
 * How Copy formats the alt-text (text, HTML, Markdown): one choice for every card and the review
 * mode, kept for the next visit. Its 'change' event lets every Copy control show the same choice.
 */
export class CopyFormatSetting extends EventTarget {
  private current: CopyFormat = 'text';
  private loading: Promise<void> | null = null;
  /** A choice made before the saved one was read wins over it. */
  private chosen = false;

  constructor(private readonly store: CopyFormatStore = { get: getMeta, set: setMeta }) {
    super();
  }

  get value(): CopyFormat {
    return this.current;
  }

  /** Reads the saved choice once; an unreadable or unknown value leaves plain text. */
  load(): Promise<void> {
    this.loading ??= this.store.get(COPY_FORMAT_KEY).then(
      (saved) => {
        if (!this.chosen && isCopyFormat(saved) && saved !== this.current) this.set(saved);
      },
      () => undefined,
    );
    return this.loading;
  }

  /** Shown at once; a failed save only means the next visit starts with plain text again. */
  async choose(format: CopyFormat): Promise<void> {
    this.chosen = true;
    if (format !== this.current) this.set(format);
    await this.store.set(COPY_FORMAT_KEY, format).catch(() => undefined);
  }

  private set(format: CopyFormat): void {
    this.current = format;
    this.dispatchEvent(new Event('change'));
  }
}

/** The page's one setting, shared by every card and the review mode. */
export const copyFormat = new CopyFormatSetting();
