import { getResult, type CaptionRecord } from '../storage';

const UNFINISHED = new Set<CaptionRecord['status']>(['queued', 'running']);
export const ELSEWHERE_POLL_MS = 2_000;

/**
 * Cards for photos another tab stored (and captions) while this tab was adding the same folder.
 * This tab cannot hear that tab's per-photo progress, so it re-reads those records from storage
 * every few seconds until each is finished, and shows what it finds.
 */
export class StoredElsewhere {
  private readonly ids = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly show: (records: CaptionRecord[]) => void,
    private readonly read: (id: string) => Promise<CaptionRecord | undefined> = (id) => getResult(id),
    private readonly everyMs = ELSEWHERE_POLL_MS,
  ) {}

  watch(record: CaptionRecord): void {
    if (!UNFINISHED.has(record.status)) return;
    this.ids.add(record.id);
    this.timer ??= setTimeout(() => void this.poll(), this.everyMs);
  }

  get watching(): number {
    return this.ids.size;
  }

  private async poll(): Promise<void> {
    this.timer = null;
    const records = (await Promise.all([...this.ids].map((id) => this.read(id).catch(() => undefined)))).filter((r): r is CaptionRecord => r !== undefined);
    const found = new Set(records.map((r) => r.id));
    for (const id of this.ids) if (!found.has(id)) this.ids.delete(id); // deleted meanwhile
    for (const record of records) if (!UNFINISHED.has(record.status)) this.ids.delete(record.id);
    if (records.length) this.show(records);
    if (this.ids.size) this.timer = setTimeout(() => void this.poll(), this.everyMs);
  }
}
