// @vitest-environment node
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IntakeWorkerApi } from './intake-api';

const api = new IntakeWorkerApi();
const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('IntakeWorkerApi.inspect', () => {
  it('hashes a photo with SHA-256 of all its bytes, as node:crypto does', async () => {
    // 3 MB of varied bytes: larger than any single read chunk, so the whole file must be hashed.
    const bytes = new Uint8Array(3 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 11)) & 0xff;
    bytes.set(PNG_HEAD, 0);
    const result = await api.inspect(new Blob([bytes], { type: 'image/png' }));
    expect(result).toEqual({ kind: 'png', hash: nodeSha256(bytes) });
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the known digest for a tiny JPEG header, and a different one when one byte changes', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
    const first = await api.inspect(new Blob([jpeg]));
    expect(first).toEqual({ kind: 'jpeg', hash: nodeSha256(jpeg) });
    const changed = jpeg.slice();
    changed[5] = 0x11;
    expect((await api.inspect(new Blob([changed]))).hash).not.toBe(first.hash);
  });

  it('does not read or hash a file that is not an image', async () => {
    expect(await api.inspect(new Blob(['just some notes'], { type: 'text/plain' }))).toEqual({ kind: null });
    expect(await api.inspect(new Blob([]))).toEqual({ kind: null });
  });

  it('hashes by content, not by name or type', async () => {
    const bytes = new Uint8Array([...PNG_HEAD, 1, 2, 3]);
    const a = await api.inspect(new File([bytes], 'a.png', { type: 'image/png' }));
    const b = await api.inspect(new File([bytes], 'renamed.txt', { type: 'text/plain' }));
    expect(a).toEqual(b);
  });
});
