// A cue's text as viewers get it: WebVTT's own markup (b i u c v lang ruby rt and timestamps) and plain
// text, nothing else. Other tags (SRT's <font>, HTML) are dropped and their text kept; <script> and
// <style> are dropped with their content; stray `<`, `>` and `&` are escaped; SRT's `{\an8}` overrides go.

const KEPT_TAGS = new Set(['b', 'i', 'u', 'c', 'v', 'lang', 'ruby', 'rt']);
/** Tags with a required annotation (the voice's name, the language). */
const ANNOTATED = new Set(['v', 'lang']);
const DROPPED_WITH_CONTENT = /<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const ENTITY = /^&(?:amp|lt|gt|nbsp|lrm|rlm|#\d{1,7}|#x[0-9a-f]{1,6});/i;
const TIMESTAMP_TAG = /^<(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}>$/;
const START_TAG = /^<([a-z]+)((?:\.[A-Za-z0-9_-]+)*)(?:[ \t]+([^>]*))?>$/i;
const END_TAG = /^<\/([a-z]+)\s*>$/i;

export function sanitizeCueText(text: string): string {
  const open: string[] = [];
  let out = '';
  const parts = text
    .replace(DROPPED_WITH_CONTENT, '')
    .replace(/\{\\[^}]*\}/g, '')
    // Only what could be a tag is read as one: `1 < 2 > 0` stays text.
    .split(/(<\/?[A-Za-z0-9][^<>]*>)/);
  for (const part of parts) {
    if (part.startsWith('<') && part.endsWith('>')) out += tag(part, open);
    else out += escapeText(part);
  }
  return (
    out +
    open
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
}

/** The tag as kept (normalised), or nothing. */
function tag(raw: string, open: string[]): string {
  if (TIMESTAMP_TAG.test(raw)) return raw;
  const end = END_TAG.exec(raw);
  if (end) {
    const name = (end[1] as string).toLowerCase();
    const at = open.lastIndexOf(name);
    if (at < 0) return '';
    // Closing an outer element closes the ones inside it, as WebVTT's parser does.
    return open
      .splice(at)
      .reverse()
      .map((closed) => `</${closed}>`)
      .join('');
  }
  const start = START_TAG.exec(raw);
  const name = start?.[1]?.toLowerCase();
  if (!start || !name || !KEPT_TAGS.has(name)) return '';
  const annotation = escapeText((start[3] ?? '').trim());
  if (ANNOTATED.has(name) && !annotation) return '';
  open.push(name);
  return `<${name}${start[2] ?? ''}${ANNOTATED.has(name) ? ` ${annotation}` : ''}>`;
}

/** Escapes what WebVTT would read as markup, keeping well-formed character references. */
function escapeText(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '&' && !ENTITY.test(text.slice(index, index + 12))) out += '&amp;';
    else out += char;
  }
  return out;
}
