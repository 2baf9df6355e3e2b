import { invalidParameterValue } from '../emulator-error.js';
import { AUDIT_EVENTS } from '../emulator-state.js';
import type { AuditLogRecord } from '../emulator-state.js';
import type { Params } from '../params.util.js';
import {
  isOneOf,
  optionalRecordArray,
  paginate,
  requireInteger,
  requirePageable,
  requireString,
  requireStringArray,
} from '../params.util.js';
import type { ActionContext, ActionResponse, ActionTable } from './action.interface.js';

/** `Filters` take only Key `events`; several filters narrow the allowed events together. */
function eventFilter(value: unknown): (log: AuditLogRecord) => boolean {
  const filters = optionalRecordArray(value, 'Filters') ?? [];
  const allowed = filters.map((filter, index) => {
    const path = `Filters.${index}`;
    if (requireString(filter.Key, `${path}.Key`) !== 'events') {
      throw invalidParameterValue(`${path}.Key`, 'events');
    }
    const events = requireStringArray(filter.Values, `${path}.Values`);
    events.forEach((event, eventIndex) => {
      if (!isOneOf(event, AUDIT_EVENTS)) {
        throw invalidParameterValue(
          `${path}.Values.${eventIndex}`,
          `one of ${AUDIT_EVENTS.join(', ')}`,
        );
      }
    });
    return new Set<string>(events);
  });
  return (log) => allowed.every((events) => events.has(log.event));
}

/**
 * Newest first; StartTime (milliseconds) is inclusive. Administrator actions involve no
 * application, auth source or client, and the SDK model allows no null there, so the
 * Application*, AuthSource*, Ip and UserAgent fields are left out.
 */
function listLogMessageByCondition(params: Params, context: ActionContext): ActionResponse {
  const store = context.state.requireStore(requireString(params.UserStoreId, 'UserStoreId'));
  const pageable = requirePageable(params.Pageable);
  const startTime = requireInteger(params.StartTime, 'StartTime');
  const matches = eventFilter(params.Filters);
  const logs = store.logs
    .filter((log) => log.date >= startTime && matches(log))
    .sort((a, b) => b.sequence - a.sequence);
  return {
    Total: logs.length,
    Pageable: pageable,
    Content: paginate(logs, pageable).map((log) => ({
      LogId: log.id,
      TenantId: context.state.tenantId,
      UserStoreId: store.id,
      EventCode: log.event,
      EventDate: log.date,
      Description: log.description,
      Participant: log.event === 'SIGNUP' ? 'USER' : 'TENANT',
      UserId: log.userId,
      Detail: null,
      ActionResult: 'SUCCESS',
    })),
  };
}

/** The audit-log action of CIAM 2022-03-31. */
export const AUDIT_ACTIONS: ActionTable = {
  ListLogMessageByCondition: {
    parameters: ['UserStoreId', 'Pageable', 'StartTime', 'Filters'],
    handle: listLogMessageByCondition,
  },
};
