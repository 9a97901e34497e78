import type { Page } from '@playwright/test';

/** One control as the page draws it: where it is, what it is called, and how its edges look. */
export interface DrawnControl {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  border: string;
  outline: string;
  /** Underlined text: a link, or a button drawn as one. */
  underlined: boolean;
  /** Whether a person can reach it with Tab (targets that only a pointer reaches still count for size). */
  tabbable: boolean;
}

/**
 * Every visible control of the page, through every shadow root: buttons, fields, selects,
 * summaries and links. Left out: the hidden file inputs the pickers feed (aria-hidden, 1 px),
 * which nobody sees or reaches.
 */
export async function visibleControls(page: Page): Promise<DrawnControl[]> {
  return page.evaluate(() => {
    const selector = 'button, input, select, textarea, summary, a[href], [tabindex]:not([tabindex="-1"])';
    const found: Element[] = [];
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches(selector)) found.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const describe = (el: Element): string => {
      const label = el.getAttribute('aria-label') ?? el.getAttribute('data-role') ?? el.textContent?.trim().slice(0, 40) ?? '';
      return `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${label}"`;
    };
    return found
      .filter((el) => el.getAttribute('aria-hidden') !== 'true' && !el.closest('[hidden], [inert]'))
      .map((el) => ({ el, box: el.getBoundingClientRect(), style: getComputedStyle(el) }))
      .filter(({ box, style }) => box.width > 0 && box.height > 0 && style.visibility !== 'hidden')
      .map(({ el, box, style }) => ({
        name: describe(el),
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
        border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`,
        outline: `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`,
        underlined: style.textDecorationLine.includes('underline'),
        tabbable: (el as HTMLElement).tabIndex >= 0 && !(el as HTMLButtonElement).disabled,
      }));
  });
}

/** The element that has focus, looking through shadow roots, with its outline as drawn. */
export async function focusedOutline(page: Page): Promise<{ name: string; outline: string } | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const label = el.getAttribute('aria-label') ?? el.getAttribute('data-role') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return { name: `${el.tagName.toLowerCase()} "${label}"`, outline: `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` };
  });
}

/** A line drawn in a colour a person can see: some width, a visible style, not fully transparent. */
export function isDrawn(line: string): boolean {
  const [width = '0px', style = 'none', ...color] = line.split(' ');
  const colour = color.join(' ');
  return parseFloat(width) >= 1 && style !== 'none' && style !== 'hidden' && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour);
}

const MIN_TARGET = 24;

/**
 * WCAG 2.2 target size (2.5.8): a target is at least 24 by 24 CSS px, or, by the spacing
 * exception, a 24 px circle centred on it meets no other target and no other such circle.
 */
export function undersizedTargets(controls: readonly DrawnControl[]): string[] {
  const centre = (c: DrawnControl): [number, number] => [c.x + c.width / 2, c.y + c.height / 2];
  const small = (c: DrawnControl): boolean => c.width < MIN_TARGET - 0.01 || c.height < MIN_TARGET - 0.01;
  const circleMeetsBox = (c: DrawnControl, other: DrawnControl): boolean => {
    const [cx, cy] = centre(c);
    const nx = Math.max(other.x, Math.min(cx, other.x + other.width));
    const ny = Math.max(other.y, Math.min(cy, other.y + other.height));
    return Math.hypot(cx - nx, cy - ny) < MIN_TARGET / 2;
  };
  const circlesMeet = (a: DrawnControl, b: DrawnControl): boolean => {
    const [ax, ay] = centre(a);
    const [bx, by] = centre(b);
    return Math.hypot(ax - bx, ay - by) < MIN_TARGET;
  };
  return controls
    .filter(small)
    .filter((c) => controls.some((other) => other !== c && (circleMeetsBox(c, other) || (small(other) && circlesMeet(c, other)))))
    .map((c) => `${c.name}: ${c.width.toFixed(1)}×${c.height.toFixed(1)}`);
}
