/**
 * A DIMSE status chosen by application code: an SCP callback throws it to answer with that status.
 * @module
 */

/**
 * Thrown by an SCP callback (matching, instance lookup) to fail the request with `status` and an
 * Error Comment (0000,0902); any other error fails it with the service's "unable to process"
 * status (0xC000 for Query/Retrieve).
 * @example
 * ```ts
 * import { StatusError } from "./status_error.ts";
 * throw new StatusError(0xa700, "Too many matches");
 * ```
 */
export class StatusError extends Error {
  /** The status to answer with. */
  readonly status: number;
  /** Creates it from the status and a short text for the Error Comment. */
  constructor(status: number, comment: string) {
    super(comment);
    this.name = "StatusError";
    this.status = status;
  }
}
