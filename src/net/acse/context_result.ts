/**
 * Presentation context Result/Reason values of an A-ASSOCIATE-AC (PS3.8 9.3.3.2, Table 9-18);
 * their names are `presentationContextResultName` of `net/pdu`.
 * @module
 */
import type { PresentationContextResult } from "../pdu/pdu_types.ts";

/**
 * Presentation context Result/Reason values (PS3.8 Table 9-18).
 * @example
 * ```ts
 * import { CONTEXT_RESULT } from "./context_result.ts";
 * CONTEXT_RESULT.abstractSyntaxNotSupported; // 3
 * ```
 */
export const CONTEXT_RESULT = {
  /** Acceptance. */
  acceptance: 0,
  /** User-rejection. */
  userRejection: 1,
  /** No-reason (provider rejection). */
  noReason: 2,
  /** Abstract-syntax-not-supported (provider rejection). */
  abstractSyntaxNotSupported: 3,
  /** Transfer-syntaxes-not-supported (provider rejection). */
  transferSyntaxesNotSupported: 4,
} as const satisfies Record<string, PresentationContextResult>;
