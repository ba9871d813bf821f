// Which languages a caption may be in: a BCP 47 tag the platform's language data knows, named in the
// language itself ("English", "Français"), so viewers find their own language in the captions menu.
import { InvalidContent } from './errors.js';

export interface CaptionLanguage {
  /** The tag in its canonical form (`pt-BR`, `zh-Hant`): how it is stored, named in files and playlists. */
  language: string;
  label: string;
}

/** Language, then optional script, region and nothing else (no variants, extensions or private use). */
const PLAIN_TAG = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/;
/**
 * Languages named once (naming one builds an Intl.DisplayNames), as each page of a captioned video names
 * its captions; bounded, since anyone may send any valid tag.
 */
const known = new Map<string, CaptionLanguage>();
const KNOWN_AT_MOST = 2_000;

/** Canonical tag → label, or an `unknown_language` error for a tag that is malformed or names nothing known. */
export function captionLanguage(tag: string): CaptionLanguage {
  const remembered = known.get(tag);
  if (remembered) return remembered;
  const language = canonical(tag);
  const name =
    language &&
    PLAIN_TAG.test(language) &&
    new Intl.DisplayNames([language], { type: 'language', fallback: 'none' }).of(language);
  if (!language || !name) {
    throw new InvalidContent(
      'unknown_language',
      `"${tag}" is not a language tag we know (such as en or pt-BR)`,
    );
  }
  const found = { language, label: name.charAt(0).toLocaleUpperCase(language) + name.slice(1) };
  if (known.size < KNOWN_AT_MOST) known.set(tag, found);
  return found;
}

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
