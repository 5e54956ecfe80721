/**
 * The association has no accepted presentation context for what is asked.
 * @module
 */

/**
 * No accepted presentation context for an abstract syntax (in the role needed): the peer did not
 * accept it, or it was not proposed.
 * @example
 * ```ts
 * import { NoContextError } from "./no_context_error.ts";
 * new NoContextError("1.2.840.10008.5.1.4.1.2.2.1").message;
 * // "No accepted presentation context: 1.2.840.10008.5.1.4.1.2.2.1"
 * ```
 */
export class NoContextError extends Error {
  /** The abstract syntax (SOP class UID). */
  readonly abstractSyntax: string;
  /** Creates it for an abstract syntax. */
  constructor(abstractSyntax: string, detail = "") {
    super(`No accepted presentation context: ${abstractSyntax}${detail ? ` ${detail}` : ""}`);
    this.name = "NoContextError";
    this.abstractSyntax = abstractSyntax;
  }
}
