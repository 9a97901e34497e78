/**
 * A whole count as English writes it ("1,234"), the same text as `toLocaleString('en')` without
 * Intl: the page's first Intl call loads locale data, a long task on a phone, and the first view
 * states counts but needs nothing else from Intl.
 */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count)) return count.toLocaleString('en');
  const digits = String(Math.abs(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return count < 0 ? `-${digits}` : digits;
}
