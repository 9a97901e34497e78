import { css } from 'lit';

export const reopenOriginalsStyles = css`
  p {
    margin: 0 0 0.75rem;
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: progress;
  }
`;
