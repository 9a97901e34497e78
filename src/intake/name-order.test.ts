import { describe, expect, it } from 'vitest';
import { compareNames } from './name-order';

describe('compareNames', () => {
  it('orders numbers by value and names as a file manager shows them', () => {
    expect(['IMG_10.jpg', 'img_2.jpg', 'IMG_1.jpg', 'b/a.jpg', 'a/z.jpg'].sort(compareNames)).toEqual(['a/z.jpg', 'b/a.jpg', 'IMG_1.jpg', 'img_2.jpg', 'IMG_10.jpg']);
  });
  it('agrees with localeCompare and the same options on every pair', () => {
    const names = ['photo 9.png', 'photo 10.png', 'Photo 9.png', 'été.jpg', 'ete.jpg', '2024-01-02.jpg', '2024-1-3.jpg', 'a', 'A', ''];
    for (const a of names) for (const b of names) expect(Math.sign(compareNames(a, b))).toBe(Math.sign(a.localeCompare(b, undefined, { numeric: true })));
  });
});
