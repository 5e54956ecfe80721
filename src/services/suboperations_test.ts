import assert from "node:assert/strict";
import { DEFAULT_ROLES } from "../net/acse/role_selection.ts";
import { EXPLICIT_VR_LE, IMPLICIT_VR_LE } from "./_dataset_bytes.ts";
import {
  chooseStoreContext,
  failedInstancesIdentifier,
  finalRetrieveStatus,
  proposeStorageContexts,
  type RetrieveSource,
  runSuboperations,
} from "./suboperations.ts";

const CT = "1.2.840.10008.5.1.4.1.1.2";
const MR = "1.2.840.10008.5.1.4.1.1.4";
const JPEG = "1.2.840.10008.1.2.4.50";
const BIG = "1.2.840.10008.1.2.2";

function source(sopClassUid: string, transferSyntaxUid: string, uid = "1"): RetrieveSource {
  return { sopClassUid, sopInstanceUid: uid, transferSyntaxUid, dataSet: new Uint8Array(0) };
}

Deno.test("proposeStorageContexts: one native context per class, one per compressed syntax", () => {
  assert.deepEqual(
    proposeStorageContexts([
      source(CT, IMPLICIT_VR_LE),
      source(CT, BIG),
      source(CT, JPEG),
      source(MR, EXPLICIT_VR_LE),
      source(CT, JPEG),
    ]),
    [
      { abstractSyntax: CT, transferSyntaxes: [IMPLICIT_VR_LE, BIG, EXPLICIT_VR_LE] },
      { abstractSyntax: MR, transferSyntaxes: [EXPLICIT_VR_LE, IMPLICIT_VR_LE] },
      { abstractSyntax: CT, transferSyntaxes: [JPEG] },
    ],
  );
  // A compressed class with no native source gets a native fallback context of its own.
  assert.deepEqual(proposeStorageContexts([source(MR, JPEG)]), [
    { abstractSyntax: MR, transferSyntaxes: [JPEG] },
    { abstractSyntax: MR, transferSyntaxes: [EXPLICIT_VR_LE, IMPLICIT_VR_LE] },
  ]);
});

Deno.test("chooseStoreContext prefers the source's syntax, else a native one it can re-encode or decode to", () => {
  const ctx = (id: number, abstractSyntax: string, transferSyntax: string) => ({
    id,
    abstractSyntax,
    transferSyntax,
    roles: DEFAULT_ROLES,
  });
  const negotiated = {
    side: "requestor" as const,
    contexts: [ctx(1, CT, IMPLICIT_VR_LE), ctx(3, CT, JPEG), ctx(5, MR, BIG)],
  };
  assert.equal(chooseStoreContext(negotiated, source(CT, JPEG))?.id, 3);
  assert.equal(chooseStoreContext(negotiated, source(CT, EXPLICIT_VR_LE))?.id, 1);
  assert.equal(chooseStoreContext(negotiated, source(MR, EXPLICIT_VR_LE))?.id, 5);
  // JPEG lossless has a decoder: decompressed onto the native context.
  assert.equal(chooseStoreContext(negotiated, source(CT, "1.2.840.10008.1.2.4.70"))?.id, 1);
  // MPEG-2 video has none.
  assert.equal(chooseStoreContext(negotiated, source(CT, "1.2.840.10008.1.2.4.100")), undefined);
  // As the acceptor with default roles we are not SCU: nothing to send on.
  assert.equal(
    chooseStoreContext({ ...negotiated, side: "acceptor" }, source(CT, JPEG)),
    undefined,
  );
});

Deno.test("runSuboperations counts outcomes, reports progress, stops on abort", async () => {
  const sources = ["a", "b", "c", "d"].map((u) => source(CT, IMPLICIT_VR_LE, u));
  const outcomes = { a: "completed", b: "failed", c: "warning", d: "completed" } as const;
  const seen: number[] = [];
  const { tally, cancelled } = await runSuboperations(sources, {
    store: (s) => Promise.resolve(outcomes[s.sopInstanceUid as "a"]),
    onProgress: (t) => void seen.push(t.remaining),
  });
  assert.equal(cancelled, false);
  assert.deepEqual(tally, {
    remaining: 0,
    completed: 2,
    failed: 1,
    warning: 1,
    failedSopInstanceUids: ["b"],
  });
  assert.deepEqual(seen, [3, 2, 1]);
  const controller = new AbortController();
  const stopped = await runSuboperations(sources, {
    store: () => {
      controller.abort();
      return Promise.resolve("completed");
    },
    signal: controller.signal,
  });
  assert.equal(stopped.cancelled, true);
  assert.equal(stopped.tally.remaining, 3);
});

Deno.test("finalRetrieveStatus and the Failed SOP Instance UID List", () => {
  const t = (completed: number, failed: number, warning: number) => ({
    remaining: 0,
    completed,
    failed,
    warning,
    failedSopInstanceUids: [],
  });
  assert.equal(finalRetrieveStatus(t(3, 0, 0), false), 0x0000);
  assert.equal(finalRetrieveStatus(t(0, 0, 0), false), 0x0000);
  assert.equal(finalRetrieveStatus(t(2, 1, 0), false), 0xb000);
  assert.equal(finalRetrieveStatus(t(0, 0, 1), false), 0xb000);
  assert.equal(finalRetrieveStatus(t(0, 2, 0), false), 0xa702);
  assert.equal(finalRetrieveStatus(t(1, 0, 0), true), 0xfe00);
  assert.equal(failedInstancesIdentifier([]), undefined);
  assert.deepEqual(failedInstancesIdentifier(["1.2", "1.3"])?.getStrings(0x00080058), [
    "1.2",
    "1.3",
  ]);
});
