/**
 * The portal's words: one catalogue per language (messages/), English the reference whose keys the others must all
 * have (the type checks it). The language is the one chosen in the header, else the browser's (navigator.language),
 * else English; dates and relative times follow it, in the browser's own time zone.
 */
import { useWords } from '../../web/words';
import { en, type MessageKey } from './messages/en';
import { de } from './messages/de';

export type { MessageKey };
const CATALOGUES = { en, de } as const;
export type Language = keyof typeof CATALOGUES;
/** Each language in its own words, for the switch. */
export const LANGUAGES: [Language, string][] = [
  ['en', 'English'],
  ['de', 'Deutsch'],
];
const STORAGE_KEY = 'portal.language';

const isLanguage = (value: string | null): value is Language => value !== null && value in CATALOGUES;

const initial = (): Language => {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(chosen)) return chosen;
  const browser = (navigator.language || 'en').toLowerCase().split('-')[0] ?? 'en';
  return isLanguage(browser) ? browser : 'en';
};

let language: Language = initial();

export const currentLanguage = (): Language => language;

/** The message in the current language, its `{name}` placeholders filled in. */
export const t = (key: MessageKey, params: Record<string, string | number> = {}): string =>
  CATALOGUES[language][key].replace(/\{(\w+)\}/g, (whole: string, name: string) => (name in params ? String(params[name]) : whole));

/** A message with a link in place of its `{link}`. */
const withLink = (text: string, link: Node): (string | Node)[] => {
  const [before = '', after = ''] = text.split('{link}');
  return [before, link, after];
};

/** The shared front end (web/) speaks the portal's language too: its shell, forms, session watch and dates. */
const applyLanguage = () => {
  document.documentElement.lang = language;
  useWords({
    loading: t('loading'),
    signIn: t('signIn'),
    signOut: t('signOut'),
    signInAgain: t('signInAgain'),
    pageNotFound: t('pageNotFound'),
    somethingWentWrong: t('somethingWentWrong'),
    requestFailed: (status) => t('requestFailed', { status }),
    fieldEmpty: (label) => t('fieldEmpty', { label }),
    fieldTooLong: (label, max) => t('fieldTooLong', { label, max }),
    fieldTooShort: (label, min) => t('fieldTooShort', { label, min }),
    fieldInvalid: (label, problem) => t('fieldInvalid', { label, problem }),
    sessionEndsSoon: (time, link) => withLink(t('sessionEndsSoon', { time }), link),
    sessionEnded: (_appName, link) => withLink(t('sessionEnded'), link),
    locale: language,
  });
};
applyLanguage();

export const setLanguage = (next: Language) => {
  language = next;
  localStorage.setItem(STORAGE_KEY, next);
  applyLanguage();
};
