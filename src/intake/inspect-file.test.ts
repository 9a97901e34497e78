import { describe, expect, it } from 'vitest';
import { inspectFile, READ_WHOLE_BYTES, sha256Hex } from './inspect-file';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A blob that counts how often its bytes are read, and can claim any size. */
class CountingBlob extends Blob {
  reads = 0;
  constructor(
    bytes: Uint8Array<ArrayBuffer>,
    private readonly claimed?: number,
  ) {
    super([bytes]);
  }
  override get size(): number {
    return this.claimed ?? super.size;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    this.reads++;
    return super.arrayBuffer();
  }
  override slice(start?: number, end?: number): Blob {
    this.reads++;
    return super.slice(start, end);
  }
}

describe('inspectFile', () => {
  it('reads a photo once, and hashes exactly its bytes', async () => {
    const file = new CountingBlob(PNG);
    expect(await inspectFile(file)).toEqual({ kind: 'png', hash: await sha256Hex(PNG.slice().buffer) });
    expect(file.reads).toBe(1);
  });

  it('says a file that is not an image is none, without a hash', async () => {
    expect(await inspectFile(new Blob(['%PDF-1.7']))).toEqual({ kind: null });
    expect(await inspectFile(new Blob([]))).toEqual({ kind: null });
  });

  it('sniffs a file larger than READ_WHOLE_BYTES from its first bytes before reading it whole', async () => {
    const video = new CountingBlob(new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]), READ_WHOLE_BYTES + 1);
    expect(await inspectFile(video)).toEqual({ kind: null });
    expect(video.reads).toBe(1); // the slice of its head, never the whole
  });
});
