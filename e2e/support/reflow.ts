import type { Page } from '@playwright/test';

/** How wide the page is against its viewport, and which elements stick out past its right or left edge. */
export interface WidthReport {
  innerWidth: number;
  scrollWidth: number;
  /** The elements that stick out, innermost first, each named so a failure says where to look. */
  offenders: string[];
}

/**
 * Measures the page and walks every shadow root for elements that reach past the viewport. An
 * element inside a container that clips or scrolls sideways is that container's business (a
 * table may scroll in its own region, WCAG 1.4.10 allows it), so only the container is judged.
 * Elements wider than their own parent come first: a wide select makes its fieldset, form and
 * section wide too, and the select is the one to fix.
 */
export async function measureWidth(page: Page): Promise<WidthReport> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const parentOf = (el: Element): Element | null => el.assignedSlot ?? el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
    const clipped = (el: Element): boolean => {
      for (let up = parentOf(el); up; up = parentOf(up)) {
        if (up === document.documentElement || up === document.body) return false;
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const name = (el: Element): string => {
      const classes = [...el.classList].map((c) => `.${c}`).join('');
      const role = el.getAttribute('data-role') ?? el.getAttribute('role');
      const host = (el.getRootNode() as ShadowRoot).host?.tagName.toLowerCase();
      return `${host ? `${host} ` : ''}${el.tagName.toLowerCase()}${classes}${role ? `[${role}]` : ''}`;
    };
    const wide: Element[] = [];
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        // A visually hidden element is 1 px with a negative margin: out of sight, not in the way.
        if (box.width > 1 && box.height > 1 && (box.right > viewport + 0.5 || box.left < -0.5) && !clipped(el)) wide.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    // The culprit is wider than the box it sits in (a select wider than its form, a grid item
    // that will not shrink); the boxes around it are only carried along. Deepest first.
    const depth = (el: Element): number => {
      let n = 0;
      for (let up = parentOf(el); up; up = parentOf(up)) n++;
      return n;
    };
    const sticksOut = (el: Element): boolean => {
      const parent = parentOf(el);
      return parent !== null && el.getBoundingClientRect().right > parent.getBoundingClientRect().right + 0.5;
    };
    const culprits = wide.filter(sticksOut).sort((a, b) => depth(b) - depth(a));
    const ordered = [...culprits, ...wide.filter((el) => !culprits.includes(el))];
    return {
      innerWidth: viewport,
      scrollWidth: document.documentElement.scrollWidth,
      offenders: ordered.slice(0, 12).map((el) => {
        const box = el.getBoundingClientRect();
        return `${name(el)}: ${Math.round(box.left)}..${Math.round(box.right)} (${Math.round(box.width)} px wide)`;
      }),
    };
  });
}

/** A report that passes: the page no wider than its viewport and nothing sticking out. */
export function fits(report: WidthReport): boolean {
  return report.scrollWidth <= report.innerWidth && report.offenders.length === 0;
}
