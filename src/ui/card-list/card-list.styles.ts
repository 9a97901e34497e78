import { css } from 'lit';

/**
 * The card list renders into the page's shadow root (no shadow of its own, so cards stay
 * where page code and tests look for them); these rules join the page's styles.
 * Spacing lives inside each item (padding) so a measured item height is its full pitch.
 */
export const cardListStyles = css`
  card-list {
    display: block;
  }
  ol.card-list {
    list-style: none;
    margin: 0;
    padding: 0;
    /* flow-root: the leading gap never collapses out of the list and shifts its measured top */
    display: flow-root;
  }
  ol.card-list[data-windowed] {
    /* the element keeps the card in view in place itself (keepAnchor); two corrections would double */
    overflow-anchor: none;
  }
  ol.card-list > li {
    padding-block-end: 1rem;
  }
  ol.card-list > li:focus-within {
    /* keeps the focused card clear of sticky edges when the browser scrolls it into view */
    scroll-margin-block: 4rem;
  }
`;
