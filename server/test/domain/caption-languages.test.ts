import { describe, expect, it } from 'vitest';
import { captionLanguage } from '../../src/domain/caption-languages.js';

describe('captionLanguage', () => {
  it.each([
    ['en', 'en', 'English'],
    ['fr', 'fr', 'Français'],
    ['pt-br', 'pt-BR', 'Português (Brasil)'],
    ['zh-hant', 'zh-Hant', '繁體中文'],
    ['es-419', 'es-419', 'Español latinoamericano'],
  ])('knows %s as %s, named in itself: %s', (tag, language, label) => {
    expect(captionLanguage(tag)).toEqual({ language, label });
  });

  it.each(['xx', 'en-XX', 'english', 'en_US', 'en-u-ca-gregory', 'x-private', '', '../en'])(
    'refuses %j as an unknown language',
    (tag) => {
      expect(() => captionLanguage(tag)).toThrow(
        expect.objectContaining({ status: 400, code: 'unknown_language' }),
      );
    },
  );
});
