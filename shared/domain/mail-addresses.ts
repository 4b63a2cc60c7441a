/**
 * Our own addresses (docs/email-rules.md): each desk's `<projectkey>@MAIL_DOMAIN`, plus-tags (`help+billing@`)
 * included, and the address we send from. Mail from any of them is a loop; mail to them reaches the desk.
 */
import { mailDomain, senderAddress } from '#mail/ses';
import { getDesk, getDeskIdByKey } from '#store/desks';
import type { DeskRecord } from '#store/entities/desk';

/** A message addressed to more desks than this makes requests on the first ones only. */
export const MAX_DESKS_PER_MESSAGE = 10;

/** The project key an address names (`help+tag@MAIL_DOMAIN` -> `HELP`), if it has the shape of a desk address. */
const deskKeyOf = (address: string): string | undefined => {
  const [local = '', domain = ''] = address.trim().toLowerCase().split('@');
  const key = local.split('+')[0] ?? '';
  return domain === mailDomain().toLowerCase() && /^[a-z][a-z0-9]{1,9}$/.test(key) ? key.toUpperCase() : undefined;
};

const deskByKey = async (key: string): Promise<DeskRecord | undefined> => {
  const deskId = await getDeskIdByKey(key);
  return deskId ? getDesk(deskId) : undefined;
};

/** The desks whose addresses received the message, in order, each once. */
export const addressedDesks = async (recipients: string[]): Promise<DeskRecord[]> => {
  const keys = [...new Set(recipients.flatMap((address) => deskKeyOf(address) ?? []))];
  const desks: DeskRecord[] = [];
  for (const key of keys) {
    const desk = await deskByKey(key);
    if (desk) desks.push(desk);
    if (desks.length === MAX_DESKS_PER_MESSAGE) break;
  }
  return desks;
};

/**
 * The first of these addresses that is ours: the sending address, or an existing desk's address. Other addresses at
 * the mail domain are not (the domain may be the one the organization's people write from).
 */
export const firstOwnAddress = async (addresses: string[]): Promise<string | undefined> => {
  for (const address of addresses) {
    if (!address) continue;
    if (address.toLowerCase() === senderAddress().toLowerCase()) return address.toLowerCase();
    const key = deskKeyOf(address);
    if (key && (await deskByKey(key))) return address.toLowerCase();
  }
  return undefined;
};
