import assert from "node:assert/strict";
import { DataSet } from "../core/dataset.ts";
import { connectPair, TEST_SYNTAXES, testArchive } from "./_qr_test_kit.ts";
import { type FindMatcher, findScp } from "./find_scp.ts";
import { findScu, findScuResponses } from "./find_scu.ts";
import { buildIdentifier } from "./identifier.ts";
import { NoContextError } from "./no_context_error.ts";
import { queryDataSets } from "./query_match.ts";
import { PATIENT_ROOT_FIND, STUDY_ROOT_FIND } from "./query_models.ts";

const ARCHIVE = testArchive().map((i) => i.dataSet);

async function pair(match: FindMatcher = (identifier) => queryDataSets(ARCHIVE, identifier)) {
  return await connectPair({
    supported: [PATIENT_ROOT_FIND, STUDY_ROOT_FIND].map((abstractSyntax) => ({
      abstractSyntax,
      transferSyntaxes: TEST_SYNTAXES,
    })),
    onRequest: findScp({ match }),
  }, {
    contexts: [{ abstractSyntax: PATIENT_ROOT_FIND }, {
      abstractSyntax: STUDY_ROOT_FIND,
      transferSyntaxes: ["1.2.840.10008.1.2"],
    }],
  });
}

Deno.test("findScu collects the matches of each level in order, then status 0x0000", async () => {
  const { scu } = await pair();
  const patients = await findScu(
    scu,
    buildIdentifier(["PatientID", "PatientName"], { level: "PATIENT" }),
    { sopClassUid: PATIENT_ROOT_FIND },
  );
  assert.equal(patients.status, 0);
  assert.deepEqual(patients.matches.map((m) => m.getString("PatientID")), ["P1", "P2"]);
  assert.equal(patients.matches[0].getString("QueryRetrieveLevel"), "PATIENT");
  // Study root on the implicit VR context.
  const seen: string[] = [];
  const studies = await findScu(
    scu,
    buildIdentifier(["PatientID=P1", "StudyInstanceUID"], { level: "STUDY" }),
    { onMatch: (m) => seen.push(m.getString("StudyInstanceUID")!) },
  );
  assert.equal(studies.matches.length, 2);
  assert.deepEqual(seen, studies.matches.map((m) => m.getString("StudyInstanceUID")));
  const images = await findScu(scu, buildIdentifier(["SOPInstanceUID"], { level: "IMAGE" }));
  assert.equal(images.matches.length, 8);
  const none = await findScu(scu, buildIdentifier(["PatientID=P9"], { level: "PATIENT" }));
  assert.equal(none.status, 0);
  assert.equal(none.matches.length, 0);
  await scu.release();
});

Deno.test("findScuResponses yields each pending response and the final one", async () => {
  const { scu } = await pair();
  const statuses: number[] = [];
  for await (
    const r of findScuResponses(scu, buildIdentifier(["PatientID"], { level: "PATIENT" }), {
      sopClassUid: PATIENT_ROOT_FIND,
    })
  ) {
    statuses.push(r.status);
    assert.equal(r.message.affectedSopClassUid, PATIENT_ROOT_FIND);
    assert.equal(r.identifier === undefined, r.status === 0);
  }
  assert.deepEqual(statuses, [0xff00, 0xff00, 0]);
  await scu.release();
});

Deno.test("aborting the signal sends C-CANCEL-RQ and the find ends with 0xFE00", async () => {
  async function* endless() {
    for (let i = 0;; i++) {
      const ds = new DataSet();
      ds.set("PatientID", `P${i}`);
      yield ds;
      await new Promise((r) => setTimeout(r, 1));
    }
  }
  const { scu } = await pair(() => endless());
  const controller = new AbortController();
  const result = await findScu(scu, buildIdentifier(["PatientID"], { level: "PATIENT" }), {
    sopClassUid: PATIENT_ROOT_FIND,
    signal: controller.signal,
    onMatch: (_m) => {
      if (_m.getString("PatientID") === "P3") controller.abort();
    },
  });
  assert.equal(result.status, 0xfe00);
  assert.ok(result.matches.length >= 4 && result.matches.length < 20, `${result.matches.length}`);
  // The association is still usable: cancel again after the first match.
  const again = new AbortController();
  const after = await findScu(scu, buildIdentifier(["PatientID"], { level: "PATIENT" }), {
    sopClassUid: PATIENT_ROOT_FIND,
    signal: again.signal,
    onMatch: () => again.abort(),
  });
  assert.equal(after.status, 0xfe00);
  await scu.release();
});

Deno.test("findScu throws NoContextError for a model the association lacks", async () => {
  const { scu } = await pair();
  await assert.rejects(
    findScu(scu, new DataSet(), { sopClassUid: "1.2.840.10008.5.1.4.31" }),
    NoContextError,
  );
  scu.abort();
});
