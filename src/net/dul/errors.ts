/**
 * Errors of the DUL state machine.
 * @module
 */

import type { DulEventName } from "./events.ts";
import type { DulState } from "./states.ts";

/**
 * An event the state machine cannot take in its current state: an empty cell of PS3.8
 * Table 9-10, or an action that lacks what it needs (e.g. AE-2 without an A-ASSOCIATE-RQ).
 * The machine's state is unchanged when this is thrown.
 * @example
 * ```ts
 * import { DulProtocolError } from "./errors.ts";
 * const error = new DulProtocolError("No transition in PS3.8 Table 9-10: Evt9 in Sta1", "Sta1", "Evt9");
 * error.state; // "Sta1"
 * ```
 */
export class DulProtocolError extends Error {
  /** The state the machine was in. */
  readonly state: DulState;
  /** The event it was given. */
  readonly event: DulEventName;
  /** Makes the error; `message` follows the project's style ("Cannot ...: detail"). */
  constructor(message: string, state: DulState, event: DulEventName) {
    super(message);
    this.name = "DulProtocolError";
    this.state = state;
    this.event = event;
  }
}
