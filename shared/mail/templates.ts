/** The messages we send, rendered in code (text and HTML). Every value placed in HTML is escaped. */
import type { RequestStatus } from '#model/vocabulary';
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const html = (title: string, paragraphs: string[], link: { href: string; label: string }) => `<!doctype html>
<html><body style="font-family: sans-serif; max-width: 36em">
<h1 style="font-size: 1.3em">${escape(title)}</h1>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
<p><a href="${escape(link.href)}" style="display: inline-block; padding: .6em 1em; background: #0c66e4; color: #fff; text-decoration: none; border-radius: 4px">${escape(link.label)}</a></p>
<p style="color: #666; font-size: .9em">Or paste this link into your browser: ${escape(link.href)}</p>
</body></html>`;

const day = (iso: string) => new Date(iso).toUTCString().replace(/:\d\d GMT$/, ' UTC');

/** A self sign-up is finished through the same single-use link as an invitation, with its own words. */
export const signUpMail = (input: { deskName?: string | undefined; expiresAt: string; link: string }) => {
  const where = input.deskName ? `the ${input.deskName} help center` : 'our help center';
  const subject = `Finish signing up to ${where}`;
  const lines = [
    `Someone, we hope you, asked to sign up to ${where} with this email address.`,
    `Follow the link to choose your password and start raising requests. It works once and expires on ${day(input.expiresAt)}.`,
    "If it wasn't you, ignore this message: no account is opened without this link.",
  ];
  return {
    subject,
    text: `${lines[0]}\n\n${lines[1]}\n\nFinish signing up: ${input.link}\n\n${lines[2]}\n`,
    html: html(subject, lines, { href: input.link, label: 'Finish signing up' }),
  };
};

/** A sign-up with an email that already has an account: how to sign in, and a reset link in case. */
export const alreadySignedUpMail = (input: { signInLink: string; resetLink: string; expiresAt: string }) => {
  const subject = 'You already have a help center account';
  const lines = [
    'Someone, we hope you, asked to sign up to our help center with this email address, which already has an account.',
    `Sign in at ${input.signInLink}. Forgot your password? The button below sets a new one; it works once, until ${day(input.expiresAt)}.`,
    "If it wasn't you, ignore this message: nothing has changed.",
  ];
  return {
    subject,
    text: `${lines[0]}\n\n${lines[1]}\n\nReset: ${input.resetLink}\n\n${lines[2]}\n`,
    html: html(subject, lines, { href: input.resetLink, label: 'Choose a new password' }),
  };
};

export const invitationMail = (input: { deskName?: string | undefined; inviterName: string; expiresAt: string; link: string; reminder?: boolean }) => {
  const where = input.deskName ? `the ${input.deskName} help center` : 'our help center';
  const subject = `${input.reminder ? 'Reminder: ' : ''}You're invited to ${where}`;
  const lines = [
    `${input.inviterName} invited you to raise and follow requests in ${where}.`,
    `Accept the invitation to choose your password. The link works once and expires on ${day(input.expiresAt)}.`,
    "If you weren't expecting this, you can ignore this message.",
  ];
  return {
    subject,
    text: `${lines[0]}\n\n${lines[1]}\n\nAccept: ${input.link}\n\n${lines[2]}\n`,
    html: html(subject, lines, { href: input.link, label: 'Accept the invitation' }),
  };
};

export const passwordResetMail = (input: { link: string; expiresAt: string }) => {
  const subject = 'Reset your help center password';
  const lines = [
    `Someone asked to reset the password of your help center account. The link works once, until ${day(input.expiresAt)}.`,
    "If it wasn't you, ignore this message: your password stays as it is.",
  ];
  return {
    subject,
    text: `${lines[0]}\n\nReset: ${input.link}\n\n${lines[1]}\n`,
    html: html(subject, lines, { href: input.link, label: 'Choose a new password' }),
  };
};

/** A new staff member's welcome: the link to choose the password they sign in to the console with. */
export const staffWelcomeMail = (input: { displayName: string; role: string; link: string; expiresAt: string }) => {
  const subject = 'Your help desk staff account: choose your password';
  const lines = [
    `Hello ${input.displayName}, you were given a staff account (${input.role}) on the help desk.`,
    `Follow the link to choose your password and sign in to the staff console. It works once and expires on ${day(input.expiresAt)}.`,
    'Scripts keep using the API token your admin was shown; the console never shows it again.',
  ];
  return {
    subject,
    text: `${lines[0]}\n\n${lines[1]}\n\nChoose your password: ${input.link}\n\n${lines[2]}\n`,
    html: html(subject, lines, { href: input.link, label: 'Choose your password' }),
  };
};

export const staffPasswordResetMail = (input: { link: string; expiresAt: string }) => {
  const subject = 'Reset your staff console password';
  const lines = [
    `Someone asked to reset the password of your help desk staff account. The link works once, until ${day(input.expiresAt)}.`,
    "If it wasn't you, ignore this message: your password stays as it is.",
  ];
  return {
    subject,
    text: `${lines[0]}\n\nReset: ${input.link}\n\n${lines[1]}\n`,
    html: html(subject, lines, { href: input.link, label: 'Choose a new password' }),
  };
};

/** A request's status as customers read it (the portal's status chips say the same). */
export const STATUS_IN_CUSTOMER_WORDS: Record<RequestStatus, string> = {
  'Waiting for support': 'With the help desk',
  'Waiting for customer': 'Waiting for you',
  Resolved: 'Resolved',
  Closed: 'Closed',
};

/** A comment or a status change; a closed request takes no more replies, and a reply by email raises a follow-up. */
export const requestUpdateMail = (input: { issueKey: string; summary: string; what: string; body?: string; link: string; closed: boolean }) => {
  const subject = `[${input.issueKey}] ${input.summary}`;
  const reply = input.closed ? 'This request is closed: reply to this email to raise a follow-up request.' : 'Reply to this email to add a comment.';
  const lines = [input.what, ...(input.body ? [input.body] : []), reply];
  return {
    subject,
    text: `${lines.join('\n\n')}\n\nView the request: ${input.link}\n`,
    html: html(subject, lines, { href: input.link, label: `View ${input.issueKey}` }),
  };
};

/** The one answer to an email that became a request. */
export const requestReceivedMail = (input: { issueKey: string; summary: string; link: string }) => {
  const subject = `[${input.issueKey}] ${input.summary}`;
  const lines = [
    `We received your request and filed it as ${input.issueKey}. The help desk will get back to you.`,
    'Reply to this email to add a comment; keep the request key in the subject.',
  ];
  return {
    subject,
    text: `${lines.join('\n\n')}\n\nView the request: ${input.link}\n`,
    html: html(subject, lines, { href: input.link, label: `View ${input.issueKey}` }),
  };
};
