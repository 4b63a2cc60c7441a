/** Service desk (a "project"), and the claim of its project key that keeps keys unique. */
import * as z from 'zod/mini';
import { DESK_ACCESS_MODES } from '#model/vocabulary';
import { reader, sortableId, type Keys } from './item';

export const deskSchema = z.object({
  id: z.string(),
  projectKey: z.string(),
  projectName: z.string(),
  /** Plain text for the desk's card in the portal (absent on desks made before it existed: empty). */
  description: z.optional(z.string()),
  access: z.enum(DESK_ACCESS_MODES),
  /** People in Cc of a new request by email become its participants (absent: on). */
  ccParticipants: z.optional(z.boolean()),
  /** A new request's reporter gets a mail confirming it, whichever way it was raised (absent: on). */
  acknowledgeRequests: z.optional(z.boolean()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type DeskRecord = z.infer<typeof deskSchema>;
export const toDesk = reader(deskSchema);

export const deskKeys = (id: string): Keys => ({ pk: `DESK#${id}`, sk: 'DESK' });
export const DESKS_PARTITION = 'DESKS';
export const OPEN_DESKS_PARTITION = 'OPENDESKS';
/** Every desk is on the lists index; open desks also on the selections index, read by every access check. */
export const deskIndexAttributes = (d: DeskRecord) => ({
  listPk: DESKS_PARTITION,
  listSk: sortableId(d.id),
  ...(d.access === 'open' ? { selectionPk: OPEN_DESKS_PARTITION, selectionSk: sortableId(d.id) } : {}),
});
export const deskItem = (d: DeskRecord) => ({ ...deskKeys(d.id), entity: 'desk', ...d, ...deskIndexAttributes(d) });

/** The open desks as the selections index projects them. */
export const openDeskSchema = z.object({ id: z.string(), projectKey: z.string() });
export const toOpenDesk = reader(openDeskSchema);

export const deskKeyClaimKeys = (projectKey: string): Keys => ({ pk: `DESKKEY#${projectKey.toUpperCase()}`, sk: 'DESKKEY' });
export const deskKeyClaimSchema = z.object({ deskId: z.string() });
export const toDeskKeyClaim = reader(deskKeyClaimSchema);
export const deskKeyClaimItem = (projectKey: string, deskId: string) => ({ ...deskKeyClaimKeys(projectKey), entity: 'deskKeyClaim', deskId });
