import type { LitElement } from 'lit';

/**
 * Mounting elements in unit tests (happy-dom), the same way in every test: create, set
 * properties, attach, wait for the first render. Call `cleanup` in afterEach.
 */

type Props<E> = Partial<{ [K in keyof E]: E[K] }>;

/** Creates `tag`, sets `props` as properties, appends it to the body and waits for its render. */
export async function mount<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props<HTMLElementTagNameMap[K]> = {}, parent: ParentNode = document.body): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  parent.append(el);
  await (el as unknown as Partial<LitElement>).updateComplete;
  return el;
}

/** Sets properties on a mounted element and waits for it to render them. */
export async function update<E extends LitElement>(el: E, props: Props<E>): Promise<void> {
  Object.assign(el, props);
  await el.updateComplete;
}

/** Removes everything mounted, so each test starts from an empty page. */
export function cleanup(): void {
  document.body.replaceChildren();
}

/** The open shadow root an element renders into. */
export function shadow(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`<${el.localName}> has no open shadow root`);
  return el.shadowRoot;
}

/** The text a person reads in a node, whitespace collapsed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every `type` event that reaches `target` from now on, in order. */
export function collectEvents<K extends keyof HTMLElementEventMap>(target: EventTarget, type: K): HTMLElementEventMap[K][] {
  const events: HTMLElementEventMap[K][] = [];
  target.addEventListener(type, (event) => events.push(event as HTMLElementEventMap[K]));
  return events;
}
