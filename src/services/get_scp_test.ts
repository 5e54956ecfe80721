import assert from "node:assert/strict";
import { ANY_STORAGE_SOP_CLASS } from "../net/acse/negotiate_contexts.ts";
import { EXPLICIT_VR_LE, IMPLICIT_VR_LE } from "./_dataset_bytes.ts";
import { connectPair, TEST_SYNTAXES, testArchive } from "./_qr_test_kit.ts";
import type { EncodedInstance } from "./encoded_instance.ts";
import { getScp, type GetScpOptions, handleGet } from "./get_scp.ts";
import { getScu, getStorageContexts } from "./get_scu.ts";
import { buildIdentifier } from "./identifier.ts";
import { decodeDataSet } from "./_dataset_bytes.ts";
import { matchesIdentifier } from "./query_match.ts";
import { PATIENT_ROOT_GET, STUDY_ROOT_GET } from "./query_models.ts";
import type { RetrieveOutcome } from "./move_scp.ts";

const ARCHIVE = testArchive();
const lookup: GetScpOptions["instances"] = (identifier) =>
  ARCHIVE.filter((i) => matchesIdentifier(i.dataSet, identifier)).map((i) => i.encoded);

async function pair(
  options: GetScpOptions,
  storage = getStorageContexts(),
  storageRoles = { scu: true, scp: true },
) {
  return await connectPair({
    supported: [
      ...[STUDY_ROOT_GET, PATIENT_ROOT_GET].map((abstractSyntax) => ({
        abstractSyntax,
        transferSyntaxes: TEST_SYNTAXES,
      })),
      {
        abstractSyntax: ANY_STORAGE_SOP_CLASS,
        transferSyntaxes: TEST_SYNTAXES,
        roles: storageRoles,
      },
    ],
    onRequest: getScp(options),
  }, { contexts: [{ abstractSyntax: STUDY_ROOT_GET }, ...storage] });
}

Deno.test("C-GET sends the matching instances on the same association, unchanged", async () => {
  const { scu } = await pair({ instances: lookup });
  const received: EncodedInstance[] = [];
  const result = await getScu(
    scu,
    buildIdentifier(["StudyInstanceUID=1.2.826.0.1.3680043.9.7.1.1"], { level: "STUDY" }),
    { onInstance: (i) => void received.push(i) },
  );
  assert.equal(result.status, 0);
  assert.equal(result.completed, 3);
  assert.equal(result.received, 3);
  const expected = ARCHIVE.slice(0, 3).map((i) => i.encoded);
  assert.deepEqual(received.map((i) => i.sopInstanceUid), expected.map((i) => i.sopInstanceUid));
  received.forEach((r, i) => assert.deepEqual(r.dataSet, expected[i].dataSet));
  await scu.release();
});

Deno.test("C-GET re-encodes native data sets for the transfer syntax accepted", async () => {
  const { scu } = await pair(
    { instances: lookup },
    getStorageContexts({ transferSyntaxes: [IMPLICIT_VR_LE] }),
  );
  const received: EncodedInstance[] = [];
  const result = await getScu(scu, buildIdentifier(["PatientID=P2"], { level: "PATIENT" }), {
    sopClassUid: STUDY_ROOT_GET,
    onInstance: (i) => void received.push(i),
  });
  assert.equal(result.status, 0);
  assert.equal(received.length, 3);
  for (const r of received) {
    assert.equal(r.transferSyntaxUid, IMPLICIT_VR_LE);
    const original = ARCHIVE.find((a) => a.encoded.sopInstanceUid === r.sopInstanceUid)!;
    assert.deepEqual(
      decodeDataSet(r.dataSet, IMPLICIT_VR_LE).getBytes("PixelData"),
      decodeDataSet(original.encoded.dataSet, EXPLICIT_VR_LE).getBytes("PixelData"),
    );
  }
  await scu.release();
});

Deno.test("without SCP role for the SOP class every sub-operation fails: 0xA702", async () => {
  const { scu } = await pair({ instances: lookup }, getStorageContexts(), {
    scu: true,
    scp: false,
  });
  const result = await getScu(scu, buildIdentifier(["PatientID=P2"], { level: "PATIENT" }), {
    onInstance: () => assert.fail("nothing should arrive"),
  });
  assert.equal(result.status, 0xa702);
  assert.equal(result.failed, 3);
  assert.equal(result.failedSopInstanceUids.length, 3);
  await scu.release();
});

Deno.test("C-STORE failures in the SCU count as failed: 0xB000 with the list", async () => {
  const { scu } = await pair({ instances: lookup });
  const bad = ARCHIVE[1].encoded.sopInstanceUid;
  const result = await getScu(scu, buildIdentifier(["PatientID=P1"], { level: "PATIENT" }), {
    onInstance: (i) => {
      if (i.sopInstanceUid === bad) throw new Error("disk full");
      return i.sopInstanceUid === ARCHIVE[2].encoded.sopInstanceUid ? 0xb000 : undefined;
    },
  });
  assert.equal(result.status, 0xb000);
  assert.deepEqual([result.completed, result.warning, result.failed], [3, 1, 1]);
  assert.deepEqual(result.failedSopInstanceUids, [bad]);
  assert.equal(result.received, 4);
  await scu.release();
});

Deno.test("C-CANCEL during a C-GET ends it with 0xFE00", async () => {
  const outcomes: RetrieveOutcome[] = [];
  const { scu } = await connectPair({
    supported: [
      { abstractSyntax: STUDY_ROOT_GET, transferSyntaxes: TEST_SYNTAXES },
      {
        abstractSyntax: ANY_STORAGE_SOP_CLASS,
        transferSyntaxes: TEST_SYNTAXES,
        roles: { scu: true, scp: true },
      },
    ],
    onRequest: async (received, association) => {
      if (received.message.type !== "C-GET-RQ") return;
      outcomes.push(await handleGet(received, association, { instances: lookup }));
    },
  }, { contexts: [{ abstractSyntax: STUDY_ROOT_GET }, ...getStorageContexts()] });
  const controller = new AbortController();
  let count = 0;
  const result = await getScu(scu, buildIdentifier([], { level: "PATIENT" }), {
    signal: controller.signal,
    onInstance: () => {
      if (++count === 3) controller.abort();
    },
  });
  assert.equal(result.status, 0xfe00);
  assert.ok(result.completed >= 3 && result.completed < 8);
  assert.equal(result.remaining, 8 - result.completed);
  assert.equal(outcomes[0].status, 0xfe00);
  await scu.release();
});
