import assert from "node:assert/strict";
import { acceptAssociation } from "../net/association/accept_association.ts";
import { ANY_STORAGE_SOP_CLASS } from "../net/acse/negotiate_contexts.ts";
import type { CMoveRsp } from "../net/dimse/messages.ts";
import { createMemoryPair } from "../net/transport/memory.ts";
import { connectPair, TEST_SYNTAXES, testArchive } from "./_qr_test_kit.ts";
import type { EncodedInstance } from "./encoded_instance.ts";
import { storeReceiver } from "./get_scu.ts";
import { buildIdentifier } from "./identifier.ts";
import { moveScp, type MoveScpOptions } from "./move_scp.ts";
import { moveScu, type RetrieveProgress } from "./move_scu.ts";
import { matchesIdentifier } from "./query_match.ts";
import { PATIENT_ROOT_MOVE, STUDY_ROOT_MOVE } from "./query_models.ts";
import { StatusError } from "./status_error.ts";

const ARCHIVE = testArchive();

/** A move destination over the in-memory transport that keeps what it receives. */
function destination(
  status: (instance: EncodedInstance) => number = () => 0,
  aeTitle = "DEST",
) {
  const received: EncodedInstance[] = [];
  const originators: (string | undefined)[] = [];
  const resolve: MoveScpOptions["resolveDestination"] = (ae) => {
    if (ae !== aeTitle) return undefined;
    const [a, b] = createMemoryPair();
    acceptAssociation(b, {
      aeTitle,
      supported: [{ abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: TEST_SYNTAXES }],
      onRequest: storeReceiver((instance, rq) => {
        received.push(instance);
        originators.push(rq.moveOriginatorAeTitle);
        return status(instance);
      }),
    }).catch(() => {});
    return { transport: a };
  };
  return { received, originators, resolve };
}

async function pair(options: MoveScpOptions) {
  return await connectPair({
    supported: [STUDY_ROOT_MOVE, PATIENT_ROOT_MOVE].map((abstractSyntax) => ({
      abstractSyntax,
      transferSyntaxes: TEST_SYNTAXES,
    })),
    onRequest: moveScp(options),
  }, { contexts: [{ abstractSyntax: STUDY_ROOT_MOVE }, { abstractSyntax: PATIENT_ROOT_MOVE }] });
}

const lookup: MoveScpOptions["instances"] = (identifier) =>
  ARCHIVE.filter((i) => matchesIdentifier(i.dataSet, identifier)).map((i) => i.encoded);

Deno.test("C-MOVE sends every matching instance to the destination, with pending counts", async () => {
  const dest = destination();
  const { scu } = await pair({ instances: lookup, resolveDestination: dest.resolve });
  const progress: RetrieveProgress[] = [];
  const result = await moveScu(
    scu,
    buildIdentifier(["PatientID=P1"], { level: "PATIENT" }),
    { destination: "DEST", sopClassUid: PATIENT_ROOT_MOVE, onProgress: (p) => progress.push(p) },
  );
  assert.equal(result.status, 0);
  assert.equal(result.completed, 5);
  assert.equal(result.failed, 0);
  assert.deepEqual(result.failedSopInstanceUids, []);
  assert.deepEqual(progress.map((p) => p.remaining), [5, 4, 3, 2, 1, undefined]);
  assert.deepEqual(progress.map((p) => p.completed), [0, 1, 2, 3, 4, 5]);
  const expected = ARCHIVE.slice(0, 5).map((i) => i.encoded);
  assert.deepEqual(
    dest.received.map((i) => i.sopInstanceUid),
    expected.map((i) => i.sopInstanceUid),
  );
  dest.received.forEach((r, i) => assert.deepEqual(r.dataSet, expected[i].dataSet));
  assert.deepEqual(dest.originators, Array(5).fill("QRSCU"));
  await scu.release();
});

Deno.test("an unknown destination gets 0xA801; no matches 0x0000 with zero counts", async () => {
  const dest = destination();
  const { scu } = await pair({ instances: lookup, resolveDestination: dest.resolve });
  const unknown = await moveScu(scu, buildIdentifier(["PatientID=P1"], { level: "PATIENT" }), {
    destination: "NOWHERE",
  });
  assert.equal(unknown.status, 0xa801);
  const none = await moveScu(scu, buildIdentifier(["PatientID=P9"], { level: "PATIENT" }), {
    destination: "DEST",
  });
  assert.equal(none.status, 0);
  assert.equal(none.completed + none.failed + none.warning, 0);
  assert.equal(dest.received.length, 0);
  await scu.release();
});

Deno.test("failed sub-operations give 0xB000 and the Failed SOP Instance UID List", async () => {
  const failing = ARCHIVE[6].encoded.sopInstanceUid;
  const dest = destination((i) => i.sopInstanceUid === failing ? 0xa700 : 0);
  const { scu } = await pair({ instances: lookup, resolveDestination: dest.resolve });
  const result = await moveScu(scu, buildIdentifier(["PatientID=P2"], { level: "PATIENT" }), {
    destination: "DEST",
  });
  assert.equal(result.status, 0xb000);
  assert.equal(result.completed, 2);
  assert.equal(result.failed, 1);
  assert.deepEqual(result.failedSopInstanceUids, [failing]);
  // All failing: 0xA702.
  const all = destination(() => 0xc000);
  const { scu: scu2 } = await pair({ instances: lookup, resolveDestination: all.resolve });
  const allFailed = await moveScu(scu2, buildIdentifier(["PatientID=P2"], { level: "PATIENT" }), {
    destination: "DEST",
  });
  assert.equal(allFailed.status, 0xa702);
  assert.equal(allFailed.failedSopInstanceUids.length, 3);
  await Promise.all([scu.release(), scu2.release()]);
});

Deno.test("a destination that refuses the association fails every sub-operation", async () => {
  const { scu } = await pair({
    instances: lookup,
    resolveDestination: () => {
      const [a, b] = createMemoryPair();
      acceptAssociation(b, { aeTitle: "OTHER", supported: [] }).catch(() => {});
      return { transport: a };
    },
  });
  const result = await moveScu(scu, buildIdentifier(["PatientID=P2"], { level: "PATIENT" }), {
    destination: "DEST",
  });
  assert.equal(result.status, 0xa702);
  assert.equal(result.failed, 3);
  assert.equal(result.failedSopInstanceUids.length, 3);
  assert.match((result.final as CMoveRsp).errorComment ?? "", /\S/);
  await scu.release();
});

Deno.test("C-CANCEL stops the sub-operations: 0xFE00 with the remaining count", async () => {
  const dest = destination();
  const { scu } = await pair({ instances: lookup, resolveDestination: dest.resolve });
  const controller = new AbortController();
  const result = await moveScu(scu, buildIdentifier([], { level: "PATIENT" }), {
    destination: "DEST",
    signal: controller.signal,
    onProgress: (p) => {
      if (p.completed === 2) controller.abort();
    },
  });
  assert.equal(result.status, 0xfe00);
  assert.ok(result.completed >= 2 && result.completed < 8, `${result.completed}`);
  assert.equal(result.remaining, 8 - result.completed);
  assert.equal(dest.received.length, result.completed);
  await scu.release();
});

Deno.test("instance lookup errors: StatusError status, else 0xC000; unserved class 0x0122", async () => {
  const dest = destination();
  const { scu } = await connectPair({
    supported: [STUDY_ROOT_MOVE, PATIENT_ROOT_MOVE].map((abstractSyntax) => ({
      abstractSyntax,
      transferSyntaxes: TEST_SYNTAXES,
    })),
    onRequest: moveScp({
      sopClasses: [STUDY_ROOT_MOVE],
      instances: (identifier) => {
        if (identifier.getString("PatientID") === "A") throw new StatusError(0xa701, "Busy");
        throw new Error("lookup failed");
      },
      resolveDestination: dest.resolve,
    }),
  }, { contexts: [{ abstractSyntax: STUDY_ROOT_MOVE }, { abstractSyntax: PATIENT_ROOT_MOVE }] });
  const id = (pid: string) => buildIdentifier([`PatientID=${pid}`], { level: "STUDY" });
  assert.equal((await moveScu(scu, id("A"), { destination: "DEST" })).status, 0xa701);
  const other = await moveScu(scu, id("B"), { destination: "DEST" });
  assert.equal(other.status, 0xc000);
  assert.equal((other.final as CMoveRsp).errorComment, "lookup failed");
  assert.equal(
    (await moveScu(scu, id("A"), { destination: "DEST", sopClassUid: PATIENT_ROOT_MOVE })).status,
    0x0122,
  );
  await scu.release();
});
