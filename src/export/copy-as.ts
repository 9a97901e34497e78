/**
 * The alt-text as a person pastes it somewhere: plain text, an HTML `<img>` or a Markdown image.
 * Pure formatting, so every escaping rule is tested without a clipboard.
 */

export type CopyFormat = 'text' | 'html' | 'markdown';
export const COPY_FORMATS: readonly CopyFormat[] = ['text', 'html', 'markdown'];
/** How each format is named in the menu and in "Copied as …". */
export const COPY_FORMAT_LABELS: Readonly<Record<CopyFormat, string>> = { text: 'text', html: 'HTML', markdown: 'Markdown' };

export function isCopyFormat(value: unknown): value is CopyFormat {
  return typeof value === 'string' && (COPY_FORMATS as readonly string[]).includes(value);
}

/** An alt attribute is one line: line breaks and runs of spaces read as a single space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Inside a double-quoted attribute only these four can end it or be read as markup. */
export function escapeHtmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Characters a relative URL may carry as they are. Like encodeURI, but `:` (a name such as
 * "a:b.jpg" would read as a scheme), `#`, `?`, `%` and brackets are encoded too, and letters beyond
 * ASCII stay readable (browsers and Markdown renderers accept them in a URL).
 */
const KEPT_IN_URL = /[A-Za-z0-9\-._~!$&'*+,;=@/]/;

/** A file name as a relative URL: spaces and other unsafe characters percent-encoded, non-ASCII letters kept. */
export function relativeUrl(name: string, { keepParentheses = true } = {}): string {
  let url = '';
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    const readable = code > 0x7f && !/[\s\p{C}]/u.test(char);
    url += KEPT_IN_URL.test(char) || readable || (keepParentheses && (char === '(' || char === ')')) ? char : percentEncoded(char);
  }
  // "./" keeps a path that starts with "/" or "//" relative, not pointing at the site root or another host.
  return url.startsWith('/') ? `.${url}` : url;
}

/** A lone surrogate (a damaged name) cannot be UTF-8 encoded: it becomes the replacement character. */
function percentEncoded(char: string): string {
  try {
    // encodeURIComponent leaves ( ) itself; asked to encode them, they are encoded too.
    return encodeURIComponent(char).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return encodeURIComponent('\uFFFD');
  }
}

/**
 * Markdown image text: backslash-escapes what could end the brackets or turn words into markup
 * (CommonMark lets any ASCII punctuation be escaped), and an `&` that would start an entity.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\[\]*_`<]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
}

export function formatAltText(format: CopyFormat, text: string, fileName: string): string {
  const alt = oneLine(text);
  switch (format) {
    case 'text':
      return alt;
    case 'html':
      return `<img src="${escapeHtmlAttribute(relativeUrl(fileName))}" alt="${escapeHtmlAttribute(alt)}">`;
    case 'markdown':
      // Parentheses percent-encoded: an unbalanced one would end the link early.
      return `![${escapeMarkdownText(alt)}](${relativeUrl(fileName, { keepParentheses: false })})`;
  }
}
