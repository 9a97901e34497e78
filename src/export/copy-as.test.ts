import { describe, expect, it } from 'vitest';
import { escapeHtmlAttribute, escapeMarkdownText, formatAltText, isCopyFormat, oneLine, relativeUrl } from './copy-as';

describe('formatAltText', () => {
  it('copies plain text on one line, trimmed', () => {
    expect(formatAltText('text', '  A dog\non a\r\n\tbeach.  ', 'dog.jpg')).toBe('A dog on a beach.');
  });

  it('writes an HTML img whose attributes cannot be broken by quotes or markup', () => {
    expect(formatAltText('html', 'A sign reading "Tom & Jerry\'s" <open>', 'sign.jpg')).toBe(
      '<img src="sign.jpg" alt="A sign reading &quot;Tom &amp; Jerry\'s&quot; &lt;open&gt;">',
    );
  });

  it('writes a Markdown image whose brackets and backslashes are escaped', () => {
    expect(formatAltText('markdown', 'A [draft] path C:\\photos\\*new*', 'p.png')).toBe('![A \\[draft\\] path C:\\\\photos\\\\\\*new\\*](p.png)');
  });

  it('keeps non-ASCII letters readable in text, attribute and URL', () => {
    expect(formatAltText('html', 'Café au lait, 東京', 'café 東京.jpg')).toBe('<img src="café%20東京.jpg" alt="Café au lait, 東京">');
    expect(formatAltText('markdown', 'Café', 'café.jpg')).toBe('![Café](café.jpg)');
  });

  it('handles a file name with spaces and parentheses in both formats', () => {
    const name = 'Beach day (2) copy.jpg';
    expect(formatAltText('html', 'Waves.', name)).toBe('<img src="Beach%20day%20(2)%20copy.jpg" alt="Waves.">');
    expect(formatAltText('markdown', 'Waves.', name)).toBe('![Waves.](Beach%20day%20%282%29%20copy.jpg)');
  });

  it('collapses line breaks inside HTML and Markdown alt text', () => {
    expect(formatAltText('html', 'one\n\ntwo', 'a.jpg')).toBe('<img src="a.jpg" alt="one two">');
    expect(formatAltText('markdown', 'one\n\ntwo', 'a.jpg')).toBe('![one two](a.jpg)');
  });
});

describe('relativeUrl', () => {
  it('encodes what would change the meaning of a URL', () => {
    expect(relativeUrl('a:b.jpg')).toBe('a%3Ab.jpg');
    expect(relativeUrl('100% #1?.jpg')).toBe('100%25%20%231%3F.jpg');
    expect(relativeUrl('quote".jpg')).toBe('quote%22.jpg');
    expect(relativeUrl('back\\slash<>.jpg')).toBe('back%5Cslash%3C%3E.jpg');
  });

  it('keeps a path relative and turns a damaged name into the replacement character', () => {
    expect(relativeUrl('//evil.example/x.jpg')).toBe('.//evil.example/x.jpg');
    expect(relativeUrl('bad\uD800.jpg')).toBe('bad%EF%BF%BD.jpg');
  });

  it('encodes parentheses only when asked', () => {
    expect(relativeUrl('a (1).jpg', { keepParentheses: false })).toBe('a%20%281%29.jpg');
  });
});

describe('escaping helpers', () => {
  it('escapes the four characters of an HTML attribute, ampersand first', () => {
    expect(escapeHtmlAttribute('&quot; "<>')).toBe('&amp;quot; &quot;&lt;&gt;');
  });

  it('escapes a Markdown entity start but leaves a lone ampersand readable', () => {
    expect(escapeMarkdownText('Tom & Jerry &amp; &#169;')).toBe('Tom & Jerry \\&amp; \\&#169;');
    expect(escapeMarkdownText('`code` _under_ <b>')).toBe('\\`code\\` \\_under\\_ \\<b>');
  });

  it('treats every kind of whitespace as one space', () => {
    expect(oneLine('a\u00a0\u2028b')).toBe('a b');
  });

  it('knows its formats', () => {
    expect(isCopyFormat('html')).toBe(true);
    expect(isCopyFormat('pdf')).toBe(false);
  });
});
