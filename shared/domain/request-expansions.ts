/**
 * What JSM's `expand` adds to a request the caller may already see: its desk and its request type. Seeing the
 * request means seeing both, so no further check: one GetItem each.
 */
import { getDesk, getRequestType } from '#store/desks';
import type { RequestRecord } from '#store/entities/request';

export const deskOfRequest = (request: RequestRecord) => getDesk(request.serviceDeskId);
export const requestTypeOfRequest = (request: RequestRecord) => getRequestType(request.serviceDeskId, request.requestTypeId);
