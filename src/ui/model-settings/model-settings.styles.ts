import { css } from 'lit';

export const modelSettingsStyles = css`
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-weight: 600;
    min-width: 0;
    max-width: 100%;
  }
  select {
    max-width: 100%;
  }
  .note {
    margin: 0.5rem 0 0;
    color: var(--as-muted);
    font-size: 0.9rem;
  }
  .second {
    margin-top: 1rem;
    padding-top: 0.75rem;
    border-top: 1px solid var(--as-border);
    display: grid;
    gap: 0.5rem;
  }
  .second label {
    align-self: start;
  }
  label.check {
    flex-direction: row;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }
`;
