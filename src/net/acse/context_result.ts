/**
 * Presentation context Result/Reason values of an A-ASSOCIATE-AC (PS3.8 9.3.3.2, Table 9-18).
 * @module
 */

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
} as const;

/** One of the five presentation context Result/Reason values. */
export type ContextResult = typeof CONTEXT_RESULT[keyof typeof CONTEXT_RESULT];

/**
 * The name of a presentation context Result/Reason value.
 * @example
 * ```ts
 * import { contextResultName } from "./context_result.ts";
 * contextResultName(4); // "transfer-syntaxes-not-supported (provider rejection)"
 * ```
 */
export function contextResultName(result: number): string {
  switch (result) {
    case 0:
      return "acceptance";
    case 1:
      return "user-rejection";
    case 2:
      return "no-reason (provider rejection)";
    case 3:
      return "abstract-syntax-not-supported (provider rejection)";
    case 4:
      return "transfer-syntaxes-not-supported (provider rejection)";
    default:
      return `unknown result ${result}`;
  }
}
