/**
 * SCP/SCU role selection (PS3.7 D.3.3.4): what the acceptor answers to a proposed role selection
 * item, and the roles each side plays on a presentation context as a result.
 *
 * Without an item (proposed or answered) the requestor is SCU and the acceptor SCP. The acceptor
 * accepts a proposed role by returning 1 and turns it down by returning 0; it never returns 1
 * for a role that was not proposed, and the requestor ignores a 1 for a role it did not propose.
 * So the requestor's roles are the proposal and the answer combined role by role, the acceptor
 * plays the mirror roles, and a context on which the requestor ends up with no role at all is
 * rejected (user-rejection) by the acceptor.
 * @module
 */

/** The roles one side may play for a SOP class: SCU, SCP, both, or (when rejected) neither. */
export interface Roles {
  /** Plays the SCU role. */
  readonly scu: boolean;
  /** Plays the SCP role. */
  readonly scp: boolean;
}

/**
 * The default roles (PS3.7 D.3.3.4): requestor SCU only, acceptor SCP only.
 * @example
 * ```ts
 * import { DEFAULT_ROLES } from "./role_selection.ts";
 * DEFAULT_ROLES.requestor; // { scu: true, scp: false }
 * ```
 */
export const DEFAULT_ROLES: RolePair = Object.freeze({
  requestor: Object.freeze({ scu: true, scp: false }),
  acceptor: Object.freeze({ scu: false, scp: true }),
});

/** The roles both sides play on a presentation context. */
export interface RolePair {
  /** The association requestor's roles. */
  readonly requestor: Roles;
  /** The association acceptor's roles: the mirror of the requestor's. */
  readonly acceptor: Roles;
}

/** The acceptor's decision on one proposed role selection item. */
export interface RoleSelectionOutcome extends RolePair {
  /**
   * The SCU-role and SCP-role values of the role selection item to return in the A-ASSOCIATE-AC,
   * or `undefined` when none is returned (nothing proposed, or the acceptor does not negotiate
   * roles for this SOP class).
   */
  readonly reply: Roles | undefined;
  /** True when the requestor is left with no role: the context is rejected (user-rejection). */
  readonly rejected: boolean;
}

function combine(proposed: Roles, answer: Roles): RolePair {
  const requestor = { scu: proposed.scu && answer.scu, scp: proposed.scp && answer.scp };
  return { requestor, acceptor: { scu: requestor.scp, scp: requestor.scu } };
}

/**
 * The acceptor's answer to a role selection item. `proposed` is the requestor's item (its SCU-role
 * and SCP-role), `allowed` says which of the requestor's proposals the acceptor accepts (`scu`:
 * the requestor may be SCU, `scp`: the requestor may be SCP; e.g. a C-GET SCP allows `scp` for
 * the storage SOP classes). Either `undefined` means no negotiation: default roles, no reply.
 * @example
 * ```ts
 * import { negotiateRoleSelection } from "./role_selection.ts";
 * // A C-GET SCU proposes SCP role for CT Image Storage; the acceptor allows both roles.
 * const out = negotiateRoleSelection({ scu: false, scp: true }, { scu: true, scp: true });
 * out.reply; // { scu: false, scp: true }
 * out.acceptor; // { scu: true, scp: false }: the acceptor sends C-STORE requests
 * ```
 */
export function negotiateRoleSelection(
  proposed: Roles | undefined,
  allowed: Roles | undefined,
): RoleSelectionOutcome {
  if (proposed === undefined || allowed === undefined) {
    return { ...DEFAULT_ROLES, reply: undefined, rejected: false };
  }
  // PS3.7 D.3.3.4: "shall not return the value (1) if the Association-requestor has not proposed
  // the role".
  const pair = combine(proposed, allowed);
  return {
    ...pair,
    reply: pair.requestor,
    rejected: !pair.requestor.scu && !pair.requestor.scp,
  };
}

/**
 * The roles on a context as the requestor sees them, from its own proposal and the acceptor's
 * reply. A missing proposal or reply means the default roles; a 1 in the reply for a role that
 * was not proposed is ignored (PS3.7 D.3.3.4). The requestor can end up with no role (both
 * turned down), in which case the context is unusable.
 * @example
 * ```ts
 * import { resolveRoles } from "./role_selection.ts";
 * resolveRoles({ scu: true, scp: true }, { scu: true, scp: true }).requestor; // { scu: true, scp: true }
 * resolveRoles({ scu: true, scp: true }, undefined).requestor; // { scu: true, scp: false }
 * ```
 */
export function resolveRoles(proposed: Roles | undefined, reply: Roles | undefined): RolePair {
  if (proposed === undefined || reply === undefined) return DEFAULT_ROLES;
  return combine(proposed, reply);
}
