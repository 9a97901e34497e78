import { css } from 'lit';

/**
 * The editor renders into its host's shadow root, so its host adopts these styles. A host sets
 * `--alt-text-min-height` for a taller field.
 */
export const altTextEditorStyles = css`
  alt-text-editor {
    display: block;
  }
  alt-text-editor label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  alt-text-editor textarea {
    width: 100%;
    min-height: var(--alt-text-min-height, 4.5rem);
    font: inherit;
    padding: 0.5rem;
    border-radius: 0.5rem;
    border: 1px solid var(--as-border);
    resize: vertical;
    background: var(--as-field);
    color: inherit;
  }
  alt-text-editor .checks {
    margin: 0.25rem 0 0.5rem;
    font-size: 0.9rem;
  }
  alt-text-editor .checks p {
    margin: 0.25rem 0;
  }
  alt-text-editor .flags-intro {
    font-weight: 600;
  }
  alt-text-editor .flags {
    margin: 0;
    padding-left: 0;
    list-style: none;
  }
  /* The border only echoes the "Warning:"/"Note:" word in each item; the word carries the meaning. */
  alt-text-editor .flags li {
    margin: 0.25rem 0;
    padding: 0.2rem 0.5rem;
    border-left: 0.25rem solid var(--as-border);
  }
  alt-text-editor .flags li.warning {
    border-left-color: var(--as-danger);
  }
  alt-text-editor .checks.reviewed .flags li {
    border-left-color: var(--as-border-soft);
  }
  alt-text-editor .regenerated {
    color: var(--as-muted);
  }
`;
