import { css } from 'lit';

export const modelPanelStyles = css`
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
  }
  progress {
    width: 100%;
    height: 1rem;
    margin: 0.5rem 0 0.25rem;
  }
  .state {
    margin: 0.75rem 0 0;
  }
  .reason,
  .note {
    margin: 0.25rem 0 0;
    color: var(--as-muted, #4a5160);
    font-size: 0.9rem;
  }
  .notice {
    margin: 0.5rem 0 0;
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    background: var(--as-warn-soft, #fff3c4);
    color: #5c4400;
  }
  .second {
    margin-top: 1rem;
    padding-top: 0.75rem;
    border-top: 1px solid var(--as-border, #5b6270);
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
  .error {
    color: var(--as-danger, #a4161a);
    font-weight: 600;
  }
`;
