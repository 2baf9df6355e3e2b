import type { EmulatorState } from '../emulator-state.js';
import type { Params } from '../params.util.js';

/** What an action handler may use besides its parameters. */
export interface ActionContext {
  readonly state: EmulatorState;
  /** Server time of the request in milliseconds, one value per request. */
  readonly now: number;
  /** How long a data-sync job runs before ListJobs reports it COMPLETED. */
  readonly jobDurationMs: number;
}

/** The fields of `Response` besides `RequestId`. */
export type ActionResponse = Record<string, unknown>;

export interface ActionDefinition {
  /** Every parameter the action accepts; anything else answers `UnknownParameter`. */
  readonly parameters: readonly string[];
  handle(params: Params, context: ActionContext): ActionResponse;
}

export type ActionTable = Readonly<Record<string, ActionDefinition>>;
