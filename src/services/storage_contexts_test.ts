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
const JLS = "1.2.840.10008.1.2.4.80";
const JLS_NEAR = "1.2.840.10008.1.2.4.81";
const J2K = "1.2.840.10008.1.2.4.90";
const US = "1.2.840.10008.5.1.4.1.1.6.1";
const SC = "1.2.840.10008.5.1.4.1.1.7";
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

Deno.test("storageContexts: compressed instances get the fallbacks in a context of their own", () => {
  assert.deepEqual(storageContexts([{ sopClassUid: MR, transferSyntaxUid: RLE }]), [
    { abstractSyntax: MR, transferSyntaxes: [RLE] },
    { abstractSyntax: MR, transferSyntaxes: [ELE, ILE] },
  ]);
  assert.deepEqual(
    storageContexts([{ sopClassUid: MR, transferSyntaxUid: RLE }], { fallbacks: false }),
    [{ abstractSyntax: MR, transferSyntaxes: [RLE] }],
  );
  // Shared with a native Explicit VR LE instance of the same class: proposed once.
  assert.deepEqual(
    storageContexts([
      { sopClassUid: MR, transferSyntaxUid: ELE },
      { sopClassUid: MR, transferSyntaxUid: J2K },
    ]),
    [
      { abstractSyntax: MR, transferSyntaxes: [ELE, ILE] },
      { abstractSyntax: MR, transferSyntaxes: [J2K] },
    ],
  );
  // compressTo: lossless encodings only, each alone; none the instance is already in.
  assert.deepEqual(
    storageContexts([{ sopClassUid: CT, transferSyntaxUid: ELE }], {
      compressTo: [JLS, JLS_NEAR, JPEG, RLE],
    }),
    [
      { abstractSyntax: CT, transferSyntaxes: [ELE, ILE] },
      { abstractSyntax: CT, transferSyntaxes: [JLS] },
      { abstractSyntax: CT, transferSyntaxes: [RLE] },
    ],
  );
});

Deno.test("planStorageBatches counts every context an instance needs", () => {
  const instances: InstanceSyntax[] = [];
  for (let i = 0; i < 100; i++) {
    instances.push({ sopClassUid: `1.2.3.${i}`, transferSyntaxUid: RLE });
  }
  const batches = planStorageBatches(instances);
  assert.deepEqual(batches.map((b) => b.contexts.length), [128, 72]);
  assert.deepEqual(batches.map((b) => b.indices.length), [64, 36]);
  // With room for one context only, an instance keeps its own syntax.
  assert.deepEqual(planStorageBatches(instances.slice(0, 1), { maxContexts: 1 })[0].contexts, [
    { abstractSyntax: "1.2.3.0", transferSyntaxes: [RLE] },
  ]);
});

Deno.test("selectStorageContext prefers the own syntax, then a native one, then compresses", () => {
  const contexts = [
    accepted(1, CT, ILE),
    accepted(3, CT, ELE),
    accepted(5, CT, JPEG),
    accepted(7, MR, ILE),
    accepted(9, US, JLS),
    accepted(11, US, JLS_NEAR),
    accepted(13, SC, JLS_NEAR),
  ];
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: CT, transferSyntaxUid: ILE }), {
    context: contexts[0],
    reencode: false,
    transcode: false,
  });
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: CT, transferSyntaxUid: EBE }), {
    context: contexts[1],
    reencode: true,
    transcode: false,
  });
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: MR, transferSyntaxUid: ELE }), {
    context: contexts[3],
    reencode: true,
    transcode: false,
  });
  // Compressed in a syntax the peer lacks: decompressed, Explicit VR LE first.
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: CT, transferSyntaxUid: RLE }), {
    context: contexts[1],
    reencode: true,
    transcode: true,
  });
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: MR, transferSyntaxUid: J2K }), {
    context: contexts[3],
    reencode: true,
    transcode: true,
  });
  // Only compressed syntaxes: compressed losslessly, never near-lossless.
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: US, transferSyntaxUid: ELE }), {
    context: contexts[4],
    reencode: true,
    transcode: true,
  });
  assert.deepEqual(selectStorageContext(contexts, { sopClassUid: US, transferSyntaxUid: RLE }), {
    context: contexts[4],
    reencode: true,
    transcode: true,
  });
  assert.equal(
    selectStorageContext(contexts, { sopClassUid: SC, transferSyntaxUid: ELE }),
    undefined,
  );
  // No JPEG baseline encoder.
  assert.equal(
    selectStorageContext([accepted(1, CT, JPEG)], { sopClassUid: CT, transferSyntaxUid: ELE }),
    undefined,
  );
  assert.equal(
    selectStorageContext(contexts, { sopClassUid: "1.2", transferSyntaxUid: ELE }),
    undefined,
  );
});
