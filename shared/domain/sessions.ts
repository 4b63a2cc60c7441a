/**
 * Portal sessions: a signed JWT (HS256, jose) naming the account and its session epoch. Suspending an account or
 * resetting its password bumps the epoch, which ends every session issued before.
 */
import { SignJWT, jwtVerify } from 'jose';
import { getAccount } from '#store/accounts';
import type { AccountRecord } from '#store/entities/account';
import { sessionSecret } from '#store/secrets';
import { IDENTITY_CACHE_MS, recalled, remember } from './identity-cache';

const ISSUER = 'service-desk-portal';
export const SESSION_HOURS = 12;

export interface Session {
  token: string;
  expiresAt: string;
}

export const issueSession = async (account: AccountRecord, now = new Date()): Promise<Session> => {
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  const token = await new SignJWT({ epoch: account.sessionEpoch ?? 0 })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(account.accountId)
    .setIssuer(ISSUER)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expires.getTime() / 1000))
    .sign(await sessionSecret());
  return { token, expiresAt: expires.toISOString() };
};

/** The account of a valid, current session; undefined for anything else. */
export const accountOfSession = async (token: string): Promise<AccountRecord | undefined> => {
  const known = recalled<AccountRecord>(`session\n${token}`);
  if (known) return known;
  try {
    const { payload } = await jwtVerify(token, await sessionSecret(), { issuer: ISSUER, algorithms: ['HS256'] });
    if (!payload.sub) return undefined;
    const account = await getAccount(payload.sub);
    if (!account || account.status !== 'active' || (account.sessionEpoch ?? 0) !== payload.epoch) return undefined;
    // Until the token expires: a token about to expire is not remembered past its end.
    if (payload.exp === undefined || payload.exp * 1000 > Date.now() + IDENTITY_CACHE_MS) remember(`session\n${token}`, account.accountId, account);
    return account;
  } catch {
    return undefined;
  }
};
