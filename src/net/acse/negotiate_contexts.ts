/**
 * Acceptor side of presentation context negotiation (PS3.8 9.3.3.2, PS3.7 D.3.2): for each
 * proposed context a result, the transfer syntax chosen by the acceptor's order of preference,
 * and the roles (PS3.7 D.3.3.4).
 * @module
 */
import { isStorageSopClass } from "../../core/uid_registry.ts";
import type { PresentationContextResult } from "../pdu/pdu_types.ts";
import { CONTEXT_RESULT } from "./context_result.ts";
import type { ProposedContext } from "./presentation_contexts.ts";
import {
  DEFAULT_ROLES,
  negotiateRoleSelection,
  type RolePair,
  type Roles,
} from "./role_selection.ts";
import { bareUid } from "./_uid.ts";

/**
 * Wildcard abstract syntax of a {@link SupportedAbstractSyntax}: every Storage SOP class
 * (`isStorageSopClass`, PS3.4 Annex B).
 * @example
 * ```ts
 * import { ANY_STORAGE_SOP_CLASS } from "./negotiate_contexts.ts";
 * const supported = [{ abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: ["1.2.840.10008.1.2"] }];
 * ```
 */
export const ANY_STORAGE_SOP_CLASS = "storage";

/**
 * Wildcard abstract syntax of a {@link SupportedAbstractSyntax}: any abstract syntax at all
 * (private SOP classes included), consulted last.
 * @example
 * ```ts
 * import { ANY_ABSTRACT_SYNTAX } from "./negotiate_contexts.ts";
 * ANY_ABSTRACT_SYNTAX; // "*"
 * ```
 */
export const ANY_ABSTRACT_SYNTAX = "*";

/**
 * Wildcard entry of a transfer syntax preference list: any proposed transfer syntax, in the
 * requestor's order. `["1.2.840.10008.1.2.1", "*"]` prefers Explicit VR Little Endian and
 * otherwise takes what the requestor prefers.
 * @example
 * ```ts
 * import { ANY_TRANSFER_SYNTAX } from "./negotiate_contexts.ts";
 * ANY_TRANSFER_SYNTAX; // "*"
 * ```
 */
export const ANY_TRANSFER_SYNTAX = "*";

/** An abstract syntax the acceptor supports, with its transfer syntaxes and role policy. */
export interface SupportedAbstractSyntax {
  /**
   * A SOP class or meta SOP class UID, or {@link ANY_STORAGE_SOP_CLASS}, or
   * {@link ANY_ABSTRACT_SYNTAX}. An exact UID wins over the storage wildcard, which wins over
   * the catch-all.
   */
  readonly abstractSyntax: string;
  /**
   * Acceptable transfer syntaxes in the acceptor's order of preference: the first of these the
   * requestor proposed is accepted (the acceptor's list decides). May contain
   * {@link ANY_TRANSFER_SYNTAX}.
   */
  readonly transferSyntaxes: readonly string[];
  /**
   * Which of the requestor's proposed roles to accept when it sends an SCP/SCU role selection
   * item for this SOP class (`scu`: the requestor may be SCU, `scp`: the requestor may be SCP;
   * a C-GET SCP sets both for storage SOP classes). Default `undefined`: no role selection
   * reply, default roles (requestor SCU, acceptor SCP).
   */
  readonly roles?: Roles;
}

/**
 * An SCP/SCU role selection sub-item's values (PS3.7 D.3.3.4), RQ or AC, as booleans (the
 * net/pdu `RoleSelection` keeps the wire bytes `scuRole`/`scpRole`).
 */
export interface SopClassRoles {
  /** The SOP class or meta SOP class UID. */
  readonly sopClassUid: string;
  /** SCU-role: 1 proposes (RQ) or accepts (AC) the requestor as SCU. */
  readonly scu: boolean;
  /** SCP-role: 1 proposes (RQ) or accepts (AC) the requestor as SCP. */
  readonly scp: boolean;
}

/** The acceptor's decision on one proposed presentation context. */
export interface ContextDecision {
  /** The presentation context ID, as proposed. */
  readonly id: number;
  /** The proposed abstract syntax. */
  readonly abstractSyntax: string;
  /** Result/Reason (PS3.8 Table 9-18). */
  readonly result: PresentationContextResult;
  /**
   * The accepted transfer syntax; for a rejected context (where the value is not significant,
   * PS3.8 9.3.3.2) the first proposed one, or `""` when none was proposed.
   */
  readonly transferSyntax: string;
  /** The roles of both sides (default roles for a rejected context). */
  readonly roles: RolePair;
}

/** Result of {@link negotiateContexts}. */
export interface ContextNegotiation {
  /** One decision per proposed context, in the order proposed. */
  readonly contexts: readonly ContextDecision[];
  /**
   * Role selection items for the A-ASSOCIATE-AC: one per SOP class for which the requestor
   * proposed roles, an accepted context exists, and the acceptor negotiates roles.
   */
  readonly roleReplies: readonly SopClassRoles[];
}

/** Options of {@link negotiateContexts}. */
export interface NegotiateContextsOptions {
  /** The role selection items of the A-ASSOCIATE-RQ; default none. */
  readonly roleProposals?: readonly SopClassRoles[];
  /**
   * Consulted for an abstract syntax that `supported` does not cover: the entry to negotiate it
   * under instead (e.g. its related general SOP class, PS3.7 D.3.3.6), or `undefined` to reject
   * it (abstract-syntax-not-supported). Default: none.
   */
  readonly resolveUnsupported?: (abstractSyntax: string) => SupportedAbstractSyntax | undefined;
}

/**
 * The transfer syntax to accept: the first of the acceptor's `preferred` list that was
 * `proposed` (an {@link ANY_TRANSFER_SYNTAX} entry matches the requestor's first remaining one),
 * or `undefined` when none matches.
 * @example
 * ```ts
 * import { chooseTransferSyntax } from "./negotiate_contexts.ts";
 * chooseTransferSyntax(["1.2.840.10008.1.2", "1.2.840.10008.1.2.1"], ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"]);
 * // "1.2.840.10008.1.2.1"
 * ```
 */
export function chooseTransferSyntax(
  proposed: readonly string[],
  preferred: readonly string[],
): string | undefined {
  const offered = proposed.map(bareUid).filter((uid) => uid !== "");
  for (const candidate of preferred) {
    if (candidate === ANY_TRANSFER_SYNTAX) {
      if (offered.length > 0) return offered[0];
      continue;
    }
    const uid = bareUid(candidate);
    if (offered.includes(uid)) return uid;
  }
  return undefined;
}

/**
 * The acceptor's entry for an abstract syntax: the exact UID, else {@link ANY_STORAGE_SOP_CLASS}
 * for a storage SOP class, else {@link ANY_ABSTRACT_SYNTAX}.
 * @example
 * ```ts
 * import { findSupported } from "./negotiate_contexts.ts";
 * const entry = findSupported("1.2.840.10008.5.1.4.1.1.2", [
 *   { abstractSyntax: "storage", transferSyntaxes: ["1.2.840.10008.1.2"] },
 * ]);
 * entry?.abstractSyntax; // "storage"
 * ```
 */
export function findSupported(
  abstractSyntax: string,
  supported: readonly SupportedAbstractSyntax[],
): SupportedAbstractSyntax | undefined {
  const uid = bareUid(abstractSyntax);
  let storage: SupportedAbstractSyntax | undefined;
  let any: SupportedAbstractSyntax | undefined;
  for (const entry of supported) {
    if (entry.abstractSyntax === ANY_STORAGE_SOP_CLASS) storage ??= entry;
    else if (entry.abstractSyntax === ANY_ABSTRACT_SYNTAX) any ??= entry;
    else if (bareUid(entry.abstractSyntax) === uid) return entry;
  }
  if (storage !== undefined && isStorageSopClass(uid)) return storage;
  return any;
}

function isValidContextId(id: number): boolean {
  // PS3.8 9.3.2.2: "odd integers between 1 and 255".
  return Number.isInteger(id) && id >= 1 && id <= 255 && id % 2 === 1;
}

/**
 * Decides every proposed presentation context as the acceptor: 3 when the abstract syntax is not
 * supported, 4 when none of the proposed transfer syntaxes is acceptable, 1 when role selection
 * leaves the requestor with no role, 2 for an invalid (even, out of range) or repeated context
 * ID, else 0 with the acceptor's most preferred proposed transfer syntax.
 * @example
 * ```ts
 * import { negotiateContexts } from "./negotiate_contexts.ts";
 * const { contexts } = negotiateContexts(
 *   [{ id: 1, abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
 *   [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"] }],
 * );
 * contexts[0].result; // 0
 * contexts[0].transferSyntax; // "1.2.840.10008.1.2"
 * ```
 */
export function negotiateContexts(
  proposed: readonly ProposedContext[],
  supported: readonly SupportedAbstractSyntax[],
  options: NegotiateContextsOptions = {},
): ContextNegotiation {
  const proposals = new Map<string, Roles>();
  for (const item of options.roleProposals ?? []) {
    const uid = bareUid(item.sopClassUid);
    if (!proposals.has(uid)) proposals.set(uid, { scu: item.scu, scp: item.scp });
  }
  const seen = new Set<number>();
  const replies = new Map<string, SopClassRoles>();
  const contexts: ContextDecision[] = [];
  for (const context of proposed) {
    const abstractSyntax = bareUid(context.abstractSyntax);
    const fallback = context.transferSyntaxes.length > 0
      ? bareUid(context.transferSyntaxes[0])
      : "";
    const reject = (result: PresentationContextResult): void => {
      contexts.push({
        id: context.id,
        abstractSyntax,
        result,
        transferSyntax: fallback,
        roles: DEFAULT_ROLES,
      });
    };
    if (!isValidContextId(context.id) || seen.has(context.id)) {
      reject(CONTEXT_RESULT.noReason);
      continue;
    }
    seen.add(context.id);
    const entry = findSupported(abstractSyntax, supported) ??
      options.resolveUnsupported?.(abstractSyntax);
    if (entry === undefined) {
      reject(CONTEXT_RESULT.abstractSyntaxNotSupported);
      continue;
    }
    const transferSyntax = chooseTransferSyntax(context.transferSyntaxes, entry.transferSyntaxes);
    if (transferSyntax === undefined) {
      reject(CONTEXT_RESULT.transferSyntaxesNotSupported);
      continue;
    }
    const outcome = negotiateRoleSelection(proposals.get(abstractSyntax), entry.roles);
    if (outcome.rejected) {
      reject(CONTEXT_RESULT.userRejection);
      continue;
    }
    if (outcome.reply !== undefined && !replies.has(abstractSyntax)) {
      replies.set(abstractSyntax, { sopClassUid: abstractSyntax, ...outcome.reply });
    }
    contexts.push({
      id: context.id,
      abstractSyntax,
      result: CONTEXT_RESULT.acceptance,
      transferSyntax,
      roles: { requestor: outcome.requestor, acceptor: outcome.acceptor },
    });
  }
  return { contexts, roleReplies: [...replies.values()] };
}
