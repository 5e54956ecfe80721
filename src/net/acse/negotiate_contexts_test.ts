import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ANY_ABSTRACT_SYNTAX,
  ANY_STORAGE_SOP_CLASS,
  ANY_TRANSFER_SYNTAX,
  chooseTransferSyntax,
  findSupported,
  negotiateContexts,
  type SupportedAbstractSyntax,
} from "./negotiate_contexts.ts";
import type { ProposedContext } from "./presentation_contexts.ts";

const CT = "1.2.840.10008.5.1.4.1.1.2";
const MR = "1.2.840.10008.5.1.4.1.1.4";
const VERIFICATION = "1.2.840.10008.1.1";
const IMPLICIT = "1.2.840.10008.1.2";
const EXPLICIT = "1.2.840.10008.1.2.1";
const BIG = "1.2.840.10008.1.2.2";
const JPEG = "1.2.840.10008.1.2.4.50";

function single(
  proposed: Omit<ProposedContext, "id">,
  supported: readonly SupportedAbstractSyntax[],
): { result: number; transferSyntax: string } {
  const [c] = negotiateContexts([{ id: 1, ...proposed }], supported).contexts;
  return { result: c.result, transferSyntax: c.transferSyntax };
}

Deno.test("negotiateContexts decides single contexts (pynetdicom TestNegotiateAsAcceptor cases)", () => {
  const cases: [string, Omit<ProposedContext, "id">, SupportedAbstractSyntax[], number, string][] =
    [
      ["nothing supported", { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] }, [], 3, IMPLICIT],
      [
        "exact match",
        { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
        [
          { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
        ],
        0,
        IMPLICIT,
      ],
      [
        "acceptor's first of several",
        {
          abstractSyntax: CT,
          transferSyntaxes: [IMPLICIT, EXPLICIT, BIG],
        },
        [{ abstractSyntax: CT, transferSyntaxes: [IMPLICIT, EXPLICIT, BIG] }],
        0,
        IMPLICIT,
      ],
      [
        "only the acceptor's one",
        {
          abstractSyntax: CT,
          transferSyntaxes: [IMPLICIT, EXPLICIT, BIG],
        },
        [{ abstractSyntax: CT, transferSyntaxes: [BIG] }],
        0,
        BIG,
      ],
      [
        "no common transfer syntax",
        {
          abstractSyntax: CT,
          transferSyntaxes: [IMPLICIT, EXPLICIT],
        },
        [{ abstractSyntax: CT, transferSyntaxes: [BIG] }],
        4,
        IMPLICIT,
      ],
      [
        "other abstract syntax",
        { abstractSyntax: CT, transferSyntaxes: [IMPLICIT, EXPLICIT] },
        [
          { abstractSyntax: MR, transferSyntaxes: [BIG] },
        ],
        3,
        IMPLICIT,
      ],
      [
        "private transfer syntax",
        { abstractSyntax: CT, transferSyntaxes: ["1.2.3.4"] },
        [
          { abstractSyntax: CT, transferSyntaxes: [EXPLICIT, "1.2.3.4"] },
        ],
        0,
        "1.2.3.4",
      ],
      [
        "private abstract syntax",
        { abstractSyntax: "1.2.3.4", transferSyntaxes: [EXPLICIT] },
        [
          { abstractSyntax: "1.2.3.4", transferSyntaxes: [EXPLICIT] },
        ],
        0,
        EXPLICIT,
      ],
      [
        "acceptor's order decides",
        {
          abstractSyntax: CT,
          transferSyntaxes: [IMPLICIT, EXPLICIT, BIG],
        },
        [{ abstractSyntax: CT, transferSyntaxes: [EXPLICIT, BIG, IMPLICIT] }],
        0,
        EXPLICIT,
      ],
      [
        "no transfer syntax proposed",
        { abstractSyntax: CT, transferSyntaxes: [] },
        [
          { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
        ],
        4,
        "",
      ],
      [
        "padded UIDs",
        { abstractSyntax: CT + "\0", transferSyntaxes: [IMPLICIT + "\0"] },
        [
          { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
        ],
        0,
        IMPLICIT,
      ],
      [
        "storage wildcard",
        { abstractSyntax: CT, transferSyntaxes: [JPEG, EXPLICIT] },
        [
          { abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: [EXPLICIT, IMPLICIT] },
        ],
        0,
        EXPLICIT,
      ],
      [
        "storage wildcard is not verification",
        {
          abstractSyntax: VERIFICATION,
          transferSyntaxes: [IMPLICIT],
        },
        [{ abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: [IMPLICIT] }],
        3,
        IMPLICIT,
      ],
      [
        "exact entry beats storage wildcard",
        { abstractSyntax: CT, transferSyntaxes: [JPEG] },
        [
          { abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: [JPEG] },
          { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
        ],
        4,
        JPEG,
      ],
      [
        "catch-all",
        { abstractSyntax: "1.2.3", transferSyntaxes: [IMPLICIT] },
        [
          { abstractSyntax: ANY_ABSTRACT_SYNTAX, transferSyntaxes: [IMPLICIT] },
        ],
        0,
        IMPLICIT,
      ],
      [
        "any transfer syntax takes the requestor's first",
        {
          abstractSyntax: CT,
          transferSyntaxes: [JPEG, IMPLICIT],
        },
        [{ abstractSyntax: CT, transferSyntaxes: [ANY_TRANSFER_SYNTAX] }],
        0,
        JPEG,
      ],
      [
        "preferred before any",
        { abstractSyntax: CT, transferSyntaxes: [JPEG, IMPLICIT] },
        [
          { abstractSyntax: CT, transferSyntaxes: [IMPLICIT, ANY_TRANSFER_SYNTAX] },
        ],
        0,
        IMPLICIT,
      ],
    ];
  for (const [name, proposed, supported, result, ts] of cases) {
    assert.deepEqual(single(proposed, supported), { result, transferSyntax: ts }, name);
  }
});

Deno.test("negotiateContexts answers each of several contexts with the same abstract syntax", () => {
  // pynetdicom test_dupe_abs_req
  const { contexts } = negotiateContexts(
    [
      { id: 1, abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
      { id: 3, abstractSyntax: CT, transferSyntaxes: [EXPLICIT] },
      { id: 5, abstractSyntax: CT, transferSyntaxes: [BIG] },
    ],
    [{ abstractSyntax: CT, transferSyntaxes: [IMPLICIT, EXPLICIT, BIG] }],
  );
  assert.deepEqual(
    contexts.map((c) => [c.id, c.result, c.transferSyntax]),
    [[1, 0, IMPLICIT], [3, 0, EXPLICIT], [5, 0, BIG]],
  );
});

Deno.test("negotiateContexts rejects invalid and repeated context IDs with result 2", () => {
  const { contexts } = negotiateContexts(
    [
      { id: 1, abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
      { id: 1, abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
      { id: 2, abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
      { id: 257, abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
    ],
    [{ abstractSyntax: CT, transferSyntaxes: [IMPLICIT] }],
  );
  assert.deepEqual(contexts.map((c) => c.result), [0, 2, 2, 2]);
});

Deno.test("negotiateContexts uses resolveUnsupported for unknown abstract syntaxes only", () => {
  const seen: string[] = [];
  const { contexts } = negotiateContexts(
    [
      { id: 1, abstractSyntax: "1.2.3.4", transferSyntaxes: [IMPLICIT] },
      { id: 3, abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
    ],
    [{ abstractSyntax: CT, transferSyntaxes: [IMPLICIT] }],
    {
      resolveUnsupported: (uid) => {
        seen.push(uid);
        return { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] };
      },
    },
  );
  assert.deepEqual(seen, ["1.2.3.4"]);
  assert.deepEqual(contexts.map((c) => c.result), [0, 0]);
});

Deno.test("findSupported prefers exact, then storage, then catch-all", () => {
  const supported = [
    { abstractSyntax: ANY_ABSTRACT_SYNTAX, transferSyntaxes: [IMPLICIT] },
    { abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: [EXPLICIT] },
    { abstractSyntax: MR, transferSyntaxes: [BIG] },
  ];
  assert.equal(findSupported(MR, supported)?.transferSyntaxes[0], BIG);
  assert.equal(findSupported(CT, supported)?.transferSyntaxes[0], EXPLICIT);
  assert.equal(findSupported(VERIFICATION, supported)?.transferSyntaxes[0], IMPLICIT);
  assert.equal(findSupported(VERIFICATION, supported.slice(1)), undefined);
});

const uidArb: fc.Arbitrary<string> = fc.constantFrom(
  IMPLICIT,
  EXPLICIT,
  BIG,
  JPEG,
  "1.2.3",
  "1.2.3.4",
  "1.2.840.10008.1.2.5",
);
const abstractArb: fc.Arbitrary<string> = fc.constantFrom(CT, MR, VERIFICATION, "1.2.3.9");

Deno.test("negotiateContexts properties: IDs kept, results 0-4, accepted syntax is the acceptor's most preferred proposed", () => {
  const proposedArb = fc.array(
    fc.record({
      id: fc.oneof(
        fc.integer({ min: 0, max: 127 }).map((n) => n * 2 + 1),
        fc.integer({ min: 0, max: 300 }),
      ),
      abstractSyntax: abstractArb,
      transferSyntaxes: fc.uniqueArray(uidArb, { maxLength: 5 }),
    }),
    { maxLength: 20 },
  );
  const supportedArb = fc.uniqueArray(
    fc.record({
      abstractSyntax: abstractArb,
      transferSyntaxes: fc.uniqueArray(uidArb, { maxLength: 5 }),
    }),
    { selector: (s) => s.abstractSyntax },
  );
  fc.assert(fc.property(proposedArb, supportedArb, (proposed, supported) => {
    const { contexts, roleReplies } = negotiateContexts(proposed, supported);
    assert.equal(contexts.length, proposed.length);
    assert.deepEqual(roleReplies, []);
    const seen = new Set<number>();
    contexts.forEach((c, i) => {
      const p = proposed[i];
      assert.equal(c.id, p.id);
      assert.equal(c.abstractSyntax, p.abstractSyntax);
      assert.ok([0, 1, 2, 3, 4].includes(c.result));
      const validId = p.id % 2 === 1 && p.id <= 255 && !seen.has(p.id);
      if (validId) seen.add(p.id);
      const entry = supported.find((s) => s.abstractSyntax === p.abstractSyntax);
      if (!validId) assert.equal(c.result, 2);
      else if (entry === undefined) assert.equal(c.result, 3);
      else {
        const best = entry.transferSyntaxes.find((ts) => p.transferSyntaxes.includes(ts));
        if (best === undefined) assert.equal(c.result, 4);
        else {
          assert.equal(c.result, 0);
          assert.equal(c.transferSyntax, best);
          assert.ok(p.transferSyntaxes.includes(c.transferSyntax));
        }
      }
    });
  }));
});

Deno.test("chooseTransferSyntax returns a proposed syntax or undefined", () => {
  fc.assert(fc.property(
    fc.array(uidArb, { maxLength: 6 }),
    fc.array(fc.oneof(uidArb, fc.constant(ANY_TRANSFER_SYNTAX)), { maxLength: 6 }),
    (proposed, preferred) => {
      const chosen = chooseTransferSyntax(proposed, preferred);
      if (chosen !== undefined) assert.ok(proposed.includes(chosen));
      const anyMatch = proposed.length > 0 &&
        (preferred.includes(ANY_TRANSFER_SYNTAX) || preferred.some((p) => proposed.includes(p)));
      assert.equal(chosen !== undefined, anyMatch);
    },
  ));
});
