import assert from "node:assert/strict";
import fc from "fast-check";
import { AssociationNegotiationError } from "./errors.ts";
import {
  DEFAULT_TRANSFER_SYNTAXES,
  MAX_PRESENTATION_CONTEXTS,
  proposeContexts,
} from "./presentation_contexts.ts";

Deno.test("proposeContexts numbers contexts 1, 3, 5 in order with default syntaxes", () => {
  const contexts = proposeContexts([
    { abstractSyntax: "1.2.840.10008.1.1" },
    { abstractSyntax: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxes: ["1.2.840.10008.1.2.4.50"] },
  ]);
  assert.deepEqual(contexts, [
    { id: 1, abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: DEFAULT_TRANSFER_SYNTAXES },
    {
      id: 3,
      abstractSyntax: "1.2.840.10008.5.1.4.1.1.2",
      transferSyntaxes: ["1.2.840.10008.1.2.4.50"],
    },
  ]);
});

Deno.test("proposeContexts can propose one context per transfer syntax", () => {
  const contexts = proposeContexts([
    { abstractSyntax: "1.2.3", transferSyntaxes: ["a", "b", "a"] },
    { abstractSyntax: "1.2.4", transferSyntaxes: ["c"] },
  ], { onePerTransferSyntax: true });
  assert.deepEqual(
    contexts.map((c) => [c.id, c.abstractSyntax, c.transferSyntaxes]),
    [[1, "1.2.3", ["a"]], [3, "1.2.3", ["b"]], [5, "1.2.4", ["c"]]],
  );
});

Deno.test("proposeContexts allocates unique odd IDs up to 255 and refuses more than 128", () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 128 }), (n) => {
    const contexts = proposeContexts(
      Array.from({ length: n }, (_, i) => ({ abstractSyntax: `1.2.${i}` })),
    );
    assert.equal(new Set(contexts.map((c) => c.id)).size, n);
    for (const c of contexts) assert.ok(c.id % 2 === 1 && c.id >= 1 && c.id <= 255);
  }));
  assert.throws(
    () =>
      proposeContexts(
        Array.from({ length: MAX_PRESENTATION_CONTEXTS + 1 }, () => ({ abstractSyntax: "1.2" })),
      ),
    (e: unknown) => e instanceof AssociationNegotiationError && e.problem === "too-many-contexts",
  );
});

Deno.test("proposeContexts refuses a request without transfer syntaxes", () => {
  assert.throws(
    () => proposeContexts([{ abstractSyntax: "1.2", transferSyntaxes: [] }]),
    (e: unknown) =>
      e instanceof AssociationNegotiationError && e.problem === "missing-transfer-syntax",
  );
});
