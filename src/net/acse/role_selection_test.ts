import assert from "node:assert/strict";
import fc from "fast-check";
import { negotiateContexts, type SopClassRoles } from "./negotiate_contexts.ts";
import {
  DEFAULT_ROLES,
  negotiateRoleSelection,
  resolveRoles,
  type Roles,
} from "./role_selection.ts";

type Tri = boolean | null;
type Outcome = readonly [boolean, boolean, boolean, boolean]; // rq.scu, rq.scp, ac.scu, ac.scp

const DEFAULT_ROLE: Outcome = [true, false, false, true];
const BOTH: Outcome = [true, true, true, true];
const REJECTED: Outcome = [false, false, false, false];
const INVERTED: Outcome = [false, true, true, false];

// The reference table of pynetdicom's tests/test_presentation.py (REFERENCE_ROLES): requestor
// proposal (SCU, SCP), acceptor policy (SCU, SCP), outcome. null = no item / no policy.
const REFERENCE_ROLES: readonly [[Tri, Tri], [Tri, Tri], Outcome][] = [
  [[null, null], [null, null], DEFAULT_ROLE],
  [[null, null], [null, true], DEFAULT_ROLE],
  [[null, null], [null, false], DEFAULT_ROLE],
  [[null, null], [true, null], DEFAULT_ROLE],
  [[null, null], [false, null], DEFAULT_ROLE],
  [[null, null], [true, true], DEFAULT_ROLE],
  [[null, null], [true, false], DEFAULT_ROLE],
  [[null, null], [false, false], DEFAULT_ROLE],
  [[null, null], [false, true], DEFAULT_ROLE],
  [[true, true], [null, null], DEFAULT_ROLE],
  [[true, true], [null, true], DEFAULT_ROLE],
  [[true, true], [null, false], DEFAULT_ROLE],
  [[true, true], [true, null], DEFAULT_ROLE],
  [[true, true], [false, null], DEFAULT_ROLE],
  [[true, true], [true, true], BOTH],
  [[true, true], [true, false], DEFAULT_ROLE],
  [[true, true], [false, false], REJECTED],
  [[true, true], [false, true], INVERTED],
  [[true, false], [null, null], DEFAULT_ROLE],
  [[true, false], [null, true], DEFAULT_ROLE],
  [[true, false], [null, false], DEFAULT_ROLE],
  [[true, false], [true, null], DEFAULT_ROLE],
  [[true, false], [false, null], DEFAULT_ROLE],
  [[true, false], [true, true], DEFAULT_ROLE],
  [[true, false], [true, false], DEFAULT_ROLE],
  [[true, false], [false, false], REJECTED],
  [[true, false], [false, true], REJECTED],
  [[false, true], [null, null], DEFAULT_ROLE],
  [[false, true], [null, true], DEFAULT_ROLE],
  [[false, true], [null, false], DEFAULT_ROLE],
  [[false, true], [true, null], DEFAULT_ROLE],
  [[false, true], [false, null], DEFAULT_ROLE],
  [[false, true], [true, true], INVERTED],
  [[false, true], [true, false], REJECTED],
  [[false, true], [false, false], REJECTED],
  [[false, true], [false, true], INVERTED],
  [[false, false], [null, null], DEFAULT_ROLE],
  [[false, false], [null, true], DEFAULT_ROLE],
  [[false, false], [null, false], DEFAULT_ROLE],
  [[false, false], [true, null], DEFAULT_ROLE],
  [[false, false], [false, null], DEFAULT_ROLE],
  [[false, false], [true, true], REJECTED],
  [[false, false], [true, false], REJECTED],
  [[false, false], [false, false], REJECTED],
  [[false, false], [false, true], REJECTED],
];

function roles(pair: [Tri, Tri]): Roles | undefined {
  return pair[0] === null || pair[1] === null ? undefined : { scu: pair[0], scp: pair[1] };
}

const IMPLICIT = "1.2.840.10008.1.2";

Deno.test("negotiateContexts follows pynetdicom's role selection reference table as acceptor", () => {
  for (const [rq, ac, out] of REFERENCE_ROLES) {
    const label = JSON.stringify({ rq, ac });
    const proposal = roles(rq);
    const result = negotiateContexts(
      [{ id: 1, abstractSyntax: "1.2.3.4", transferSyntaxes: [IMPLICIT] }],
      [{ abstractSyntax: "1.2.3.4", transferSyntaxes: [IMPLICIT], roles: roles(ac) }],
      { roleProposals: proposal ? [{ sopClassUid: "1.2.3.4", ...proposal }] : [] },
    );
    const context = result.contexts[0];
    assert.equal(context.transferSyntax, IMPLICIT, label);
    if (out === REJECTED) {
      assert.equal(context.result, 1, label);
      assert.deepEqual(result.roleReplies, [], label);
    } else {
      assert.equal(context.result, 0, label);
      assert.deepEqual(context.roles.acceptor, { scu: out[2], scp: out[3] }, label);
      assert.deepEqual(context.roles.requestor, { scu: out[0], scp: out[1] }, label);
      if (proposal !== undefined && roles(ac) !== undefined) {
        // Never 1 for a role that was not proposed.
        assert.deepEqual(result.roleReplies, [{
          sopClassUid: "1.2.3.4",
          scu: rq[0] === false ? false : ac[0],
          scp: rq[1] === false ? false : ac[1],
        }], label);
      } else {
        assert.deepEqual(result.roleReplies, [], label);
      }
    }
  }
});

Deno.test("resolveRoles follows pynetdicom's role selection reference table as requestor", () => {
  for (const [rq, ac, out] of REFERENCE_ROLES) {
    const pair = resolveRoles(roles(rq), roles(ac));
    assert.deepEqual(pair.requestor, { scu: out[0], scp: out[1] }, JSON.stringify({ rq, ac }));
  }
});

Deno.test("resolveRoles ignores a reply of 1 for a role that was not proposed", () => {
  // pynetdicom test_acc_invalid_return_scp / _scu
  assert.deepEqual(
    resolveRoles({ scu: true, scp: false }, { scu: true, scp: true }).requestor,
    { scu: true, scp: false },
  );
  assert.deepEqual(
    resolveRoles({ scu: false, scp: true }, { scu: true, scp: true }).requestor,
    { scu: false, scp: true },
  );
});

Deno.test("negotiateContexts answers role selection once per SOP class over several contexts", () => {
  // pynetdicom test_multiple_contexts_same_abstract
  const result = negotiateContexts(
    [
      { id: 1, abstractSyntax: "1.2.3.4", transferSyntaxes: [IMPLICIT] },
      { id: 3, abstractSyntax: "1.2.3.4", transferSyntaxes: [IMPLICIT] },
      { id: 5, abstractSyntax: "1.2.3.4.5", transferSyntaxes: [IMPLICIT] },
    ],
    [
      { abstractSyntax: "1.2.3.4", transferSyntaxes: [IMPLICIT], roles: { scu: false, scp: true } },
      { abstractSyntax: "1.2.3.4.5", transferSyntaxes: [IMPLICIT] },
    ],
    { roleProposals: [{ sopClassUid: "1.2.3.4", scu: false, scp: true }] },
  );
  assert.equal(result.contexts.length, 3);
  for (const context of result.contexts.slice(0, 2)) {
    assert.equal(context.result, 0);
    assert.deepEqual(context.roles.acceptor, { scu: true, scp: false });
  }
  assert.deepEqual(result.contexts[2].roles.acceptor, { scu: false, scp: true });
  assert.deepEqual(result.roleReplies, [{ sopClassUid: "1.2.3.4", scu: false, scp: true }]);
});

Deno.test("negotiateContexts does not answer role selection for rejected contexts", () => {
  const proposals: SopClassRoles[] = ["2.4.1", "2.5.1"].map((uid) => ({
    sopClassUid: uid,
    scu: true,
    scp: true,
  }));
  const result = negotiateContexts(
    [
      { id: 1, abstractSyntax: "2.4.1", transferSyntaxes: [IMPLICIT] },
      { id: 3, abstractSyntax: "2.5.1", transferSyntaxes: ["1.2"] },
    ],
    [{ abstractSyntax: "2.5.1", transferSyntaxes: [IMPLICIT], roles: { scu: true, scp: true } }],
    { roleProposals: proposals },
  );
  assert.deepEqual(result.contexts.map((c) => c.result), [3, 4]);
  assert.deepEqual(result.roleReplies, []);
});

Deno.test("negotiateRoleSelection: the acceptor always plays the mirror of the requestor", () => {
  const arbRoles = fc.option(fc.record({ scu: fc.boolean(), scp: fc.boolean() }), {
    nil: undefined,
  });
  fc.assert(fc.property(arbRoles, arbRoles, (proposed, allowed) => {
    const out = negotiateRoleSelection(proposed, allowed);
    assert.equal(out.acceptor.scu, out.requestor.scp);
    assert.equal(out.acceptor.scp, out.requestor.scu);
    if (out.reply !== undefined) {
      assert.ok(proposed !== undefined);
      assert.ok(!out.reply.scu || proposed.scu);
      assert.ok(!out.reply.scp || proposed.scp);
      // The requestor reading our reply gets the same roles.
      assert.deepEqual(resolveRoles(proposed, out.reply), {
        requestor: out.requestor,
        acceptor: out.acceptor,
      });
    } else {
      assert.deepEqual({ requestor: out.requestor, acceptor: out.acceptor }, DEFAULT_ROLES);
    }
  }));
});
