import { cleanContext } from './photo-context';

/**
 * Folder names as context, when the person asks for it: "Acadia 2019/Day 2/IMG_2041.jpg" says
 * where and when, but most folders are named by a camera or a system and say nothing. Those are
 * left out, so a name only reaches the model when a person probably chose it.
 */

/** Camera and phone folder and file patterns: DCIM's "100CANON", "IMG_2041", "DSC01234", "PXL_20240101_…". */
const CAMERA_NAME = /^(?:\d{3}[a-z_]{5}|_?(?:img|dsc[nf]?|mg|mvimg|pxl|vid|gopr|gp|dji|sam|wp|cimg|imag|pict?|p|photo|image)[\s_-]*\d[\w\s-]*)$/i;
/** Nothing but digits and separators: a date ("2019-07-04", "20190704") or a counter. */
const NUMBERS_ONLY = /^[\d\s._\-/]+$/;
/** Names a system or a habit gives every folder. */
const GENERIC = new Set(['dcim', 'camera', 'camera roll', 'photos', 'photo', 'pictures', 'images', 'album', 'albums', 'downloads', 'desktop', 'documents', 'new folder', 'untitled folder', 'export', 'exports', 'backup', 'misc', 'tmp', 'temp', 'import', 'imports', 'upload', 'uploads', 'edited', 'originals', 'raw', 'jpg', 'jpeg']);

/** A folder name as words ("acadia_2019-day-2" → "acadia 2019 day 2"); undefined when it says nothing. */
export function meaningfulFolderName(name: string): string | undefined {
  const words = name.replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!words || NUMBERS_ONLY.test(words) || CAMERA_NAME.test(name.trim()) || GENERIC.has(words.toLowerCase())) return undefined;
  return words;
}

/** The meaningful folder names on a photo's path, outermost first ("Acadia 2019 / Day 2"); undefined when none is. */
export function folderContext(relativePath: string | undefined): string | undefined {
  const folders = (relativePath ?? '').split('/').slice(0, -1);
  const names = folders.map(meaningfulFolderName).filter((n): n is string => n !== undefined);
  return names.length ? names.join(' / ') : undefined;
}

/** The typed context and, when asked for, the folder names, as one cleaned context. */
export function combinedContext(typed: string, relativePath: string | undefined, useFolderNames: boolean): string {
  const folder = useFolderNames ? folderContext(relativePath) : undefined;
  const typedClean = cleanContext(typed);
  return cleanContext([typedClean, folder ? `folder: ${folder}` : ''].filter(Boolean).join('; '));
}
