import assert from "node:assert/strict";
import {
  type AcceptedContext,
  findContextFor,
  localRoles,
  maxOutstandingInvoked,
} from "./negotiated_association.ts";
import { DEFAULT_ROLES } from "./role_selection.ts";

const CT = "1.2.840.10008.5.1.4.1.1.2";
const GET = "1.2.840.10008.5.1.4.1.2.2.3";
const IMPLICIT = "1.2.840.10008.1.2";
const EXPLICIT = "1.2.840.10008.1.2.1";
const JPEG = "1.2.840.10008.1.2.4.50";
const INVERTED = {
  requestor: { scu: false, scp: true },
  acceptor: { scu: true, scp: false },
};

const contexts: AcceptedContext[] = [
  { id: 5, abstractSyntax: CT, transferSyntax: EXPLICIT, roles: DEFAULT_ROLES },
  { id: 3, abstractSyntax: CT, transferSyntax: JPEG, roles: DEFAULT_ROLES },
  { id: 1, abstractSyntax: GET, transferSyntax: IMPLICIT, roles: DEFAULT_ROLES },
  { id: 7, abstractSyntax: CT, transferSyntax: IMPLICIT, roles: INVERTED },
];

Deno.test("findContextFor picks by SOP class, transfer syntax preference and role", () => {
  const requestor = { side: "requestor" as const, contexts };
  const acceptor = { side: "acceptor" as const, contexts };
  assert.equal(findContextFor(requestor, CT)?.id, 3);
  assert.equal(findContextFor(requestor, CT, { transferSyntaxes: [EXPLICIT, JPEG] })?.id, 5);
  assert.equal(findContextFor(requestor, CT, { transferSyntaxes: [IMPLICIT] }), undefined);
  assert.equal(findContextFor(requestor, CT, { role: "scp" })?.id, 7);
  assert.equal(findContextFor(requestor, GET)?.id, 1);
  assert.equal(findContextFor(requestor, "1.2.3"), undefined);
  // The acceptor of a C-GET sends C-STORE-RQ where it is SCU.
  assert.equal(findContextFor(acceptor, CT, { role: "scu" })?.id, 7);
  assert.equal(findContextFor(acceptor, CT)?.id, 3);
});

Deno.test("localRoles and maxOutstandingInvoked take the side into account", () => {
  assert.deepEqual(localRoles({ side: "requestor" }, contexts[3]), { scu: false, scp: true });
  assert.deepEqual(localRoles({ side: "acceptor" }, contexts[3]), { scu: true, scp: false });
  const w = { maxOperationsInvoked: 0, maxOperationsPerformed: 3 };
  assert.equal(maxOutstandingInvoked({ side: "requestor", asyncOperationsWindow: w }), 0);
  assert.equal(maxOutstandingInvoked({ side: "acceptor", asyncOperationsWindow: w }), 3);
});
