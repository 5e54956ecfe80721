import assert from "node:assert/strict";
import fc from "fast-check";
import type { AcceptedContext } from "../net/acse/negotiated_association.ts";
import {
  type InstanceSyntax,
  NATIVE_FALLBACK_SYNTAXES,
  planStorageBatches,
  selectStorageContext,
  storageContexts,
} from "./storage_contexts.ts";

const CT = "1.2.840.10008.5.1.4.1.1.2";
const MR = "1.2.840.10008.5.1.4.1.1.4";
const ELE = "1.2.840.10008.1.2.1";
const ILE = "1.2.840.10008.1.2";
const EBE = "1.2.840.10008.1.2.2";
const JPEG = "1.2.840.10008.1.2.4.50";
const RLE = "1.2.840.10008.1.2.5";
const ROLES = { requestor: { scu: true, scp: false }, acceptor: { scu: false, scp: true } };

function accepted(id: number, abstractSyntax: string, transferSyntax: string): AcceptedContext {
  return { id, abstractSyntax, transferSyntax, roles: ROLES };
}

Deno.test("storageContexts: one context per SOP class and syntax, own syntax first", () => {
  const contexts = storageContexts([
    { sopClassUid: CT, transferSyntaxUid: ELE },
    { sopClassUid: CT, transferSyntaxUid: ELE },
    { sopClassUid: CT, transferSyntaxUid: EBE },
    { sopClassUid: CT, transferSyntaxUid: JPEG },
    { sopClassUid: MR, transferSyntaxUid: ILE },
  ]);
  assert.deepEqual(contexts, [
    { abstractSyntax: CT, transferSyntaxes: [ELE, ILE] },
    { abstractSyntax: CT, transferSyntaxes: [EBE, ELE, ILE] },
    { abstractSyntax: CT, transferSyntaxes: [JPEG] },
    { abstractSyntax: MR, transferSyntaxes: [ILE, ELE] },
  ]);
  assert.deepEqual(
    storageContexts([{ sopClassUid: CT, transferSyntaxUid: EBE }], { fallbacks: false }),
    [{ abstractSyntax: CT, transferSyntaxes: [EBE] }],
  );
  assert.deepEqual(NATIVE_FALLBACK_SYNTAXES, [ELE, ILE]);
});

Deno.test("planStorageBatches keeps every batch within 128 contexts and instances in order", () => {
  const instances: InstanceSyntax[] = [];
  for (let i = 0; i < 300; i++) {
    instances.push({ sopClassUid: `1.2.3.${i % 150}`, transferSyntaxUid: ELE });
  }
  const batches = planStorageBatches(instances);
  assert.equal(batches.length, 2);
  assert.equal(batches[0].contexts.length, 128);
  assert.equal(batches[1].contexts.length, 22);
  assert.deepEqual(
    [...batches[0].indices, ...batches[1].indices].sort((a, b) => a - b),
    instances.map((_, i) => i),
  );
  assert.throws(() => planStorageBatches(instances, { maxContexts: 129 }), RangeError);
  assert.deepEqual(planStorageBatches([]), []);
});

Deno.test("planStorageBatches property: each instance's context is in its batch", () => {
  const syntax = fc.record({
    sopClassUid: fc.constantFrom(CT, MR, "1.2.3", "1.2.4", "1.2.5"),
    transferSyntaxUid: fc.constantFrom(ELE, ILE, EBE, JPEG, RLE),
  });
  fc.assert(
    fc.property(fc.array(syntax, { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (xs, max) => {
      const batches = planStorageBatches(xs, { maxContexts: max });
      const seen = new Set<number>();
      for (const batch of batches) {
        assert.ok(batch.contexts.length >= 1 && batch.contexts.length <= max);
        for (const i of batch.indices) {
          assert.ok(!seen.has(i));
          seen.add(i);
          assert.ok(batch.contexts.some((c) =>
            c.abstractSyntax === xs[i].sopClassUid &&
            c.transferSyntaxes![0] === xs[i].transferSyntaxUid
          ));
        }
        assert.deepEqual(batch.indices, [...batch.indices].sort((a, b) => a - b));
      }
      assert.equal(seen.size, xs.length);
    }),
  );
});

Deno.test("selectStorageContext prefers the own syntax, then Explicit LE, never transcodes", () => {
  const contexts = [
    accepted(1, CT, ILE),
    accepted(3, CT, ELE),
    accepted(5, CT, JPEG),
    accepted(7, MR, ILE),
  ];
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: CT, transferSyntaxUid: ILE }), {
    context: contexts[0],
    reencode: false,
  });
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: CT, transferSyntaxUid: EBE }), {
    context: contexts[1],
    reencode: true,
  });
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: MR, transferSyntaxUid: ELE }), {
    context: contexts[3],
    reencode: true,
  });
  assert.equal(
    selectStorageContext(contexts, { sopClassUid: CT, transferSyntaxUid: RLE }),
    undefined,
  );
  assert.equal(
    selectStorageContext(contexts, { sopClassUid: MR, transferSyntaxUid: JPEG }),
    undefined,
  );
  assert.equal(
    selectStorageContext(contexts, { sopClassUid: "1.2", transferSyntaxUid: ELE }),
    undefined,
  );
});
