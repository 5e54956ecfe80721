/**
 * Errors of association negotiation.
 * @module
 */

/**
 * An AE title is not valid for the AE VR (PS3.5 6.2): empty or all spaces, longer than 16
 * characters, or containing a backslash or a control character.
 * @example
 * ```ts
 * import { AeTitleError } from "./errors.ts";
 * const e = new AeTitleError("Invalid calling AE title: longer than 16 characters", "A".repeat(17));
 * e.aeTitle.length; // 17
 * ```
 */
export class AeTitleError extends TypeError {
  /** The offending value. */
  readonly aeTitle: string;
  /** Makes the error; `aeTitle` is the rejected value. */
  constructor(message: string, aeTitle: string) {
    super(message);
    this.name = "AeTitleError";
    this.aeTitle = aeTitle;
  }
}

/** What is wrong with an A-ASSOCIATE-AC (or the options of a request). */
export type AssociationNegotiationProblem =
  | "unknown-context-id"
  | "duplicate-context-id"
  | "transfer-syntax-not-proposed"
  | "missing-transfer-syntax"
  | "too-many-contexts"
  | "no-contexts"
  | "invalid-option";

/**
 * The peer's answer does not fit what was proposed (e.g. an A-ASSOCIATE-AC names a presentation
 * context ID that was not proposed, or accepts a transfer syntax that was not offered), or the
 * options of a request cannot be turned into one.
 * @example
 * ```ts
 * import { AssociationNegotiationError } from "./errors.ts";
 * const e = new AssociationNegotiationError(
 *   "Cannot interpret A-ASSOCIATE-AC: presentation context 9 was not proposed",
 *   "unknown-context-id",
 *   9,
 * );
 * e.contextId; // 9
 * ```
 */
export class AssociationNegotiationError extends Error {
  /** What went wrong, for programs. */
  readonly problem: AssociationNegotiationProblem;
  /** The presentation context concerned, if any. */
  readonly contextId: number | undefined;
  /** Makes the error; `contextId` names the presentation context concerned, if any. */
  constructor(message: string, problem: AssociationNegotiationProblem, contextId?: number) {
    super(message);
    this.name = "AssociationNegotiationError";
    this.problem = problem;
    this.contextId = contextId;
  }
}
