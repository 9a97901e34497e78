import type { PageController } from '../../app/metadata-export/save-source';

/**
 * The page's controller, from the page element this control sits in. The toolbar is handed no
 * services, so the control finds the nearest host that has them (the app element).
 */
export function pageController(from: Element): PageController | undefined {
  let node: Node = from;
  for (;;) {
    const root = node.getRootNode();
    if (!(root instanceof ShadowRoot)) return undefined;
    const host = root.host as Element & { services?: { controller?: PageController } };
    if (host.services?.controller) return host.services.controller;
    node = host;
  }
}
