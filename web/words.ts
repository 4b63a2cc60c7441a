/**
 * The shared front end's own words (the shell, forms, the session watch, the transport), in English unless the app
 * gives its own: the portal gives them in the customer's language (portal/src/i18n.ts), the console keeps these.
 */
export const words = {
  loading: 'Loading…',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signInAgain: 'Sign in again',
  pageNotFound: 'Page not found',
  somethingWentWrong: 'Something went wrong',
  requestFailed: (status: number) => `The request failed (HTTP ${status}).`,
  fieldEmpty: (label: string) => `${label} cannot be empty.`,
  fieldTooLong: (label: string, max: string) => `${label} can be at most ${max} characters long.`,
  fieldTooShort: (label: string, min: string) => `${label} is too short: use at least ${min} characters.`,
  fieldInvalid: (label: string, problem: string) => `${label} ${problem}.`,
  sessionEndsSoon: (time: string, signInAgain: Node) => [`Your session ends at ${time}, in less than 5 minutes. Send what you are writing before then, or `, signInAgain, ' to start a new session.'],
  sessionEnded: (appName: string, signInAgain: Node) => [`Your session has ended, so the ${appName} no longer knows you. What you typed is still here: `, signInAgain, ' to go on.'],
  /** The locale dates and relative times are written in (undefined: the browser's). */
  locale: undefined as string | undefined,
};

export type Words = typeof words;

/** The app's words in place of these (all, or some). */
export const useWords = (own: Partial<Words>) => {
  Object.assign(words, own);
};
