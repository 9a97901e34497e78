import { describe, expect, it } from 'vitest';
import { looksLikeFilename } from './filename-like';

describe('looksLikeFilename', () => {
  it.each([
    'IMG_2043.JPG',
    'IMG_2043.JPG.',
    'IMG_1234',
    'img_1234.jpeg',
    'DSC01234',
    'DSCN0001.JPG',
    '_DSC1234',
    'PXL_20240102_102211123',
    'IMG-20240102-WA0001',
    'GOPR0123',
    'DJI_0001',
    'P1010001',
    '20240102_102211',
    'screenshot 2024-01-02 at 10.22.11',
    'Screen Shot 2024-01-02 at 10.22.11 AM',
    'Screenshot_20240102-102211',
    'Screenshot from 2024-01-02 10-22-11',
    'Screenshot (12)',
    'photo.jpeg',
    'Photo.jpeg.',
    'holiday photo.png',
    'image0',
    'Photo 1',
    'untitled-1',
    'holiday_2019_final',
    '3f2a9c4e8b1d7a60',
  ])('%j looks like a file name', (text) => {
    expect(looksLikeFilename(text)).toBe(true);
  });

  it.each([
    'A dog on a beach.',
    'A screenshot of a spreadsheet.',
    'A laptop showing a photo.png file open on the screen.',
    'Pano 360 view of a valley.',
    'A Boeing 747 on the runway.',
    'Photo booth at a wedding.',
    'R2-D2 toy on a shelf.',
    '',
    '.',
  ])('%j is not a file name', (text) => {
    expect(looksLikeFilename(text)).toBe(false);
  });
});
