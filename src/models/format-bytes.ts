const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * Human-readable size with decimal units (1 MB = 1,000,000 bytes), the convention browsers'
 * site-settings pages and macOS use. One decimal below 10 so "1.5 GB" keeps its meaning.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  let rounded = value < 10 && unit > 0 ? Math.round(value * 10) / 10 : Math.round(value);
  // 999,950 bytes rounds to "1000 KB"; promote it so the unit stays honest.
  if (rounded >= 1000 && unit < BYTE_UNITS.length - 1) {
    rounded = 1;
    unit++;
  }
  return `${rounded} ${BYTE_UNITS[unit]}`;
}

/**
 * A set of files as every view states it, e.g. "769 KB (7 files)": the consent prompt and the
 * model manager both use this, so the same model never reads as two different sizes.
 */
export function formatFilesSize(bytes: number, files: number): string {
  return `${formatBytes(bytes)} (${files} file${files === 1 ? '' : 's'})`;
}
