/**
 * Requestor side of presentation context negotiation (PS3.8 9.3.2.2, PS3.7 D.3.2): turning
 * "these SOP classes in these transfer syntaxes" into numbered presentation contexts.
 * @module
 */
import type { PresentationContextRq } from "../pdu/pdu_types.ts";
import { AssociationNegotiationError } from "./errors.ts";

/**
 * A presentation context as proposed in an A-ASSOCIATE-RQ; the net/pdu `PresentationContextRq`
 * fits it.
 */
export interface ProposedContext {
  /** Presentation context ID: odd, 1-255 (PS3.8 9.3.2.2). */
  readonly id: number;
  /** Abstract syntax: a SOP class or meta SOP class UID. */
  readonly abstractSyntax: string;
  /** Transfer syntaxes offered, in the requestor's order of preference. */
  readonly transferSyntaxes: readonly string[];
}

/** What the requestor wants to negotiate for one abstract syntax. */
export interface ContextRequest {
  /** The SOP class or meta SOP class UID. */
  readonly abstractSyntax: string;
  /** Transfer syntaxes to offer; default {@link DEFAULT_TRANSFER_SYNTAXES}. */
  readonly transferSyntaxes?: readonly string[];
}

/** Options of {@link proposeContexts}. */
export interface ProposeContextsOptions {
  /**
   * Propose one presentation context per (abstract syntax, transfer syntax) pair instead of one
   * per abstract syntax with all its transfer syntaxes (as DCMTK's storescu does with
   * `--propose-*` combinations), so that the acceptor can accept several. Default `false`.
   */
  readonly onePerTransferSyntax?: boolean;
}

/**
 * The transfer syntaxes proposed when a request names none: Explicit VR Little Endian, then
 * Implicit VR Little Endian (the default transfer syntax every AE supports, PS3.5 10.1).
 * @example
 * ```ts
 * import { DEFAULT_TRANSFER_SYNTAXES } from "./presentation_contexts.ts";
 * DEFAULT_TRANSFER_SYNTAXES; // ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"]
 * ```
 */
export const DEFAULT_TRANSFER_SYNTAXES: readonly string[] = Object.freeze([
  "1.2.840.10008.1.2.1",
  "1.2.840.10008.1.2",
]);

/** The largest number of presentation contexts in one association: the odd IDs 1-255. */
export const MAX_PRESENTATION_CONTEXTS = 128;

/**
 * Numbers the requested presentation contexts with the odd IDs 1, 3, 5, ... in order. Duplicate
 * transfer syntaxes within one request are dropped.
 * @throws {AssociationNegotiationError} for more than 128 contexts or a request without
 * transfer syntaxes.
 * @example
 * ```ts
 * import { proposeContexts } from "./presentation_contexts.ts";
 * const contexts = proposeContexts([
 *   { abstractSyntax: "1.2.840.10008.1.1" },
 *   { abstractSyntax: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxes: ["1.2.840.10008.1.2.4.50"] },
 * ]);
 * contexts.map((c) => c.id); // [1, 3]
 * ```
 */
export function proposeContexts(
  requests: readonly ContextRequest[],
  options: ProposeContextsOptions = {},
): PresentationContextRq[] {
  const out: PresentationContextRq[] = [];
  const push = (abstractSyntax: string, transferSyntaxes: string[]): void => {
    if (out.length === MAX_PRESENTATION_CONTEXTS) {
      throw new AssociationNegotiationError(
        `Cannot propose presentation contexts: more than ${MAX_PRESENTATION_CONTEXTS} requested`,
        "too-many-contexts",
      );
    }
    out.push({ id: out.length * 2 + 1, abstractSyntax, transferSyntaxes });
  };
  for (const request of requests) {
    const syntaxes = [...new Set(request.transferSyntaxes ?? DEFAULT_TRANSFER_SYNTAXES)];
    if (syntaxes.length === 0) {
      throw new AssociationNegotiationError(
        `Cannot propose a presentation context for ${request.abstractSyntax}: no transfer syntaxes`,
        "missing-transfer-syntax",
      );
    }
    if (options.onePerTransferSyntax) {
      for (const ts of syntaxes) push(request.abstractSyntax, [ts]);
    } else {
      push(request.abstractSyntax, syntaxes);
    }
  }
  return out;
}
