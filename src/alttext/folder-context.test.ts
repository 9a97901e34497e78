import { describe, expect, it } from 'vitest';
import { combinedContext, folderContext, meaningfulFolderName } from './folder-context';

describe('meaningfulFolderName', () => {
  it.each(['IMG_2041', 'DSC01234', 'DSCN0042', '_MG_1234', 'PXL_20240101_123456', '100CANON', '101MSDCF', '100APPLE', 'GOPR0123', 'DCIM', 'Camera Roll', 'New folder', 'photos'])(
    'leaves out the camera or system name %s',
    (name) => expect(meaningfulFolderName(name)).toBeUndefined(),
  );

  it.each(['2019', '2019-07-04', '20190704', '2019_07_04', '001'])('leaves out the date or number %s', (name) => expect(meaningfulFolderName(name)).toBeUndefined());

  it.each([
    ['Acadia 2019', 'Acadia 2019'],
    ['acadia_national_park', 'acadia national park'],
    ['Zoë’s birthday', 'Zoë’s birthday'],
    ['Day 2', 'Day 2'],
    ['Imagine Dragons concert', 'Imagine Dragons concert'],
  ])('keeps a name a person chose: %s', (name, words) => expect(meaningfulFolderName(name)).toBe(words));
});

describe('folderContext', () => {
  it('joins the meaningful folders of the path, outermost first, never the file name', () => {
    expect(folderContext('Acadia 2019/DCIM/100CANON/IMG_2041.jpg')).toBe('Acadia 2019');
    expect(folderContext('trips/Acadia 2019/Day 2/IMG_1.jpg')).toBe('trips / Acadia 2019 / Day 2');
    expect(folderContext('Birthday party.jpg')).toBeUndefined();
    expect(folderContext(undefined)).toBeUndefined();
    expect(folderContext('DCIM/2019-07-04/IMG_1.jpg')).toBeUndefined();
  });
});

describe('combinedContext', () => {
  it('adds the folder names to the typed context only when asked', () => {
    expect(combinedContext('A hike', 'Acadia 2019/IMG_1.jpg', false)).toBe('A hike');
    expect(combinedContext('A hike', 'Acadia 2019/IMG_1.jpg', true)).toBe('A hike; folder: Acadia 2019');
    expect(combinedContext('', 'Acadia 2019/IMG_1.jpg', true)).toBe('folder: Acadia 2019');
    expect(combinedContext('  ', 'DCIM/IMG_1.jpg', true)).toBe('');
  });

  it('cleans and limits the whole', () => {
    expect(combinedContext('"x"', '<b>/a.jpg', true)).toBe("'x'; folder: b");
    expect([...combinedContext('y'.repeat(199), 'Acadia/a.jpg', true)]).toHaveLength(200);
  });
});
