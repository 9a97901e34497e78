/**
 * Captions that are really file names (rule R3 in alt-text-quality.md). CMS uploads often
 * fill alt with the file name, and a person pasting or a model echoing "IMG_2043.JPG" gives a
 * screen-reader user nothing, so it is a hard flag. The patterns cover the names cameras,
 * phones and screenshot tools actually write; each one is anchored so that a sentence which
 * merely mentions a file ("a laptop showing a photo.png file open") is not caught — only text
 * that *ends* in an image extension or *starts* as a camera name.
 */

const IMAGE_EXTENSION = /\.(?:jpe?g|jfif|png|gif|webp|avif|hei[cf]|bmp|tiff?|svg|dng|raw|cr[23]|nef|arw|orf)$/iu;

/**
 * Camera and phone prefixes followed straight by a counter: IMG_2043, DSC01234, DSCN0001,
 * _DSC1234, PXL_20240102_…, MVIMG_…, GOPR0123, DJI_0001, PICT0001, CIMG1234, SAM_1234,
 * WP_20140101, IMG-20240102-WA0001 (WhatsApp), VID_…, PANO_…. No space is allowed before the
 * digits, so "Pano 360 view" is prose.
 */
const CAMERA_NAME = /^_?(?:img|dsc[nf]?|pxl|mvimg|vid|pano|gopr|gp|dji|pict|cimg|sam|wp|imag|hpim|sdc|kif)[_-]?\d{3,}/iu;

/** Panasonic/Olympus style "P1010001": a bare P needs the full seven digits to be a name. */
const P_SERIES_NAME = /^p\d{7}/iu;

/** Phone date-time names: 20240102_102211, 2024-01-02 10.22.11, 20240102-WA0001. */
const DATE_TIME_NAME = /^(?:\d{8}[_-](?:\d{6}|wa\d{4})|\d{4}-\d{2}-\d{2}[ _]\d{2}[.:-]\d{2}[.:-]\d{2})/iu;

/**
 * Screenshot tools: "Screenshot 2024-01-02 at 10.22.11" (macOS), "Screen Shot … AM" (older
 * macOS), "Screenshot_20240102-102211" (Android), "Screenshot from 2024-01-02 10-22-11"
 * (GNOME), "Screenshot (12)" (Windows). A following digit or "from <digit>" is required so
 * "Screenshot of a spreadsheet" stays a description.
 */
const SCREENSHOT_NAME = /^(?:screen ?shot|screen recording)[\s_-]*(?:\(?\d|from\s+\d)/iu;

/** Placeholder names: "image0", "Photo 1", "untitled-1", "Untitled (2)", "scan 3". */
const GENERIC_NUMBERED_NAME = /^(?:image|img|photo|picture|pic|untitled|scan|file)[\s_-]*\(?\d+\)?$/iu;

/** One token joined by underscores ("holiday_2019_final") or a long hex hash / UUID. */
const SINGLE_TOKEN_NAME = /^(?:[^\s_]*_[^\s]*|[0-9a-f-]{16,})$/iu;

const PATTERNS = [IMAGE_EXTENSION, CAMERA_NAME, P_SERIES_NAME, DATE_TIME_NAME, SCREENSHOT_NAME, GENERIC_NUMBERED_NAME, SINGLE_TOKEN_NAME];

/**
 * True when the text reads as a file name. A single final period is ignored because the
 * cleaner adds one ("IMG_2043.JPG" becomes "IMG_2043.JPG.").
 */
export function looksLikeFilename(text: string): boolean {
  const candidate = text.trim().replace(/\.$/u, '').trim();
  if (!/[\p{L}\p{N}]/u.test(candidate)) return false;
  return PATTERNS.some((pattern) => pattern.test(candidate));
}
