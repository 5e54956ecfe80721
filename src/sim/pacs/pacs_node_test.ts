import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataSetToJson } from "../../codec/dicom_json.ts";
import { readDicom } from "../../codec/read_file.ts";
import { decodeFrame } from "../../pixel/decode_frame.ts";
import { framePixels } from "../../pixel/frame_pixels.ts";
import { instanceFromPart10 } from "../../services/encoded_instance.ts";
import { DataSet } from "../../core/dataset.ts";
import { DataElement } from "../../core/element.ts";
import { acceptAssociation, listenAssociations } from "../../net/association/accept_association.ts";
import type { Association } from "../../net/association/association.ts";
import { AssociationRejectedError } from "../../net/association/errors.ts";
import {
  requestAssociation,
  type RequestAssociationOptions,
} from "../../net/association/request_association.ts";
import type { CStoreRsp } from "../../net/dimse/messages.ts";
import { createMemoryPair } from "../../net/transport/memory.ts";
import { encodeDataSet } from "../../services/_dataset_bytes.ts";
import { testArchive } from "../../services/_qr_test_kit.ts";
import { findScu } from "../../services/find_scu.ts";
import { getScu, getStorageContexts } from "../../services/get_scu.ts";
import { buildIdentifier } from "../../services/identifier.ts";
import { nAction, nCreate, nSet } from "../../services/n_services.ts";
import {
  MODALITY_WORKLIST_FIND,
  PATIENT_ROOT_FIND,
  STUDY_ROOT_FIND,
  STUDY_ROOT_GET,
} from "../../services/query_models.ts";
import type { PacsConfig } from "./pacs_config.ts";
import {
  createPacsNode,
  MPPS_SOP_CLASS,
  type PacsNode,
  startPacs,
  STORAGE_COMMITMENT_SOP_CLASS,
} from "./pacs_node.ts";
import { createMemoryPacsStorage, type PacsStorage } from "./pacs_storage.ts";
import { createFsPacsStorage } from "./pacs_storage_fs.ts";

const MR = "1.2.840.10008.5.1.4.1.1.4";
const SYNTAXES = ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"];

async function connect(
  node: PacsNode,
  contexts: RequestAssociationOptions["contexts"],
  callingAeTitle = "SCU",
): Promise<Association> {
  const [a, b] = createMemoryPair();
  const accepted = acceptAssociation(b, node.acceptOptions).catch(() => undefined);
  try {
    return await requestAssociation({
      callingAeTitle,
      calledAeTitle: node.config.aeTitle,
      transport: a,
      contexts,
    });
  } finally {
    await accepted;
  }
}

async function store(scu: Association, index: number): Promise<CStoreRsp> {
  const { encoded } = testArchive()[index];
  const context = scu.negotiated.contexts.find((c) => c.abstractSyntax === MR)!;
  const rsp = await scu.requestFinal({
    type: "C-STORE-RQ",
    messageId: 0,
    affectedSopClassUid: encoded.sopClassUid,
    affectedSopInstanceUid: encoded.sopInstanceUid,
    priority: 0,
    hasDataSet: true,
  }, { presentationContextId: context.id, dataSet: encoded.dataSet });
  return rsp.message as CStoreRsp;
}

async function storedNode(config: Partial<PacsConfig> = {}) {
  const storage = createMemoryPacsStorage();
  const node = createPacsNode({ aeTitle: "PACS", ...config }, { storage });
  await node.load();
  const scu = await connect(node, [{ abstractSyntax: MR, transferSyntaxes: SYNTAXES }]);
  const statuses: number[] = [];
  for (let i = 0; i < testArchive().length; i++) statuses.push((await store(scu, i)).status);
  await scu.release();
  return { node, storage, statuses };
}

Deno.test("pacs stores every instance, indexes it and answers C-FIND at each level", async () => {
  const { node, statuses } = await storedNode();
  assert.deepEqual(statuses, new Array(8).fill(0));
  assert.equal(node.index.size, 8);
  const scu = await connect(node, [
    { abstractSyntax: STUDY_ROOT_FIND, transferSyntaxes: SYNTAXES },
    { abstractSyntax: PATIENT_ROOT_FIND, transferSyntaxes: SYNTAXES },
  ]);
  const patients = await findScu(
    scu,
    buildIdentifier(["PatientID", "PatientName", "NumberOfPatientRelatedStudies"], {
      level: "PATIENT",
    }),
    { sopClassUid: PATIENT_ROOT_FIND },
  );
  assert.equal(patients.status, 0);
  assert.equal(patients.matches.length, 2);
  assert.equal(patients.matches[0].getString("NumberOfPatientRelatedStudies"), "2");
  const studies = await findScu(
    scu,
    buildIdentifier(
      ["StudyInstanceUID", "PatientName=patient^1", "NumberOfStudyRelatedInstances"],
      {
        level: "STUDY",
      },
    ),
    { sopClassUid: STUDY_ROOT_FIND },
  );
  assert.equal(studies.matches.length, 2);
  const series = await findScu(
    scu,
    buildIdentifier(["SeriesInstanceUID", "StudyDate=20240101-20240102", "Modality=MR"], {
      level: "SERIES",
    }),
  );
  assert.equal(series.matches.length, 3);
  const images = await findScu(
    scu,
    buildIdentifier(["SOPInstanceUID", "PatientID=P2"], { level: "IMAGE" }),
  );
  assert.equal(images.matches.length, 3);
  const bad = await findScu(scu, buildIdentifier(["PatientID"]));
  assert.equal(bad.status, 0xa900);
  await scu.release();
});

Deno.test("pacs rebuilds its index from the storage on start", async () => {
  const { storage } = await storedNode();
  const again = createPacsNode({ aeTitle: "PACS" }, { storage });
  assert.deepEqual(await again.load(), []);
  assert.equal(again.index.size, 8);
});

Deno.test("pacs duplicate policy: reject answers the duplicate status and keeps the copy", async () => {
  const { node } = await storedNode({ duplicates: "reject" });
  const scu = await connect(node, [{ abstractSyntax: MR, transferSyntaxes: SYNTAXES }]);
  const rsp = await store(scu, 0);
  assert.equal(rsp.status, 0xb006);
  await scu.release();
  const kept = await storedNode({ duplicates: "keep" });
  const scu2 = await connect(kept.node, [{ abstractSyntax: MR, transferSyntaxes: SYNTAXES }]);
  assert.equal((await store(scu2, 0)).status, 0);
  await scu2.release();
});

Deno.test("pacs C-GET sends every selected instance on the same association", async () => {
  const { node } = await storedNode();
  const scu = await connect(node, [
    { abstractSyntax: STUDY_ROOT_GET, transferSyntaxes: SYNTAXES },
    ...getStorageContexts(),
  ]);
  const received: string[] = [];
  const study = await getScu(
    scu,
    buildIdentifier(["StudyInstanceUID=1.2.826.0.1.3680043.9.7.1.1"], { level: "STUDY" }),
    { onInstance: (i) => void received.push(i.sopInstanceUid) },
  );
  assert.equal(study.status, 0);
  assert.equal(received.length, 3);
  await scu.release();
});

Deno.test("pacs faults: a chosen status for the Nth C-STORE, which is not stored", async () => {
  const { node, statuses } = await storedNode({
    faults: [{ type: "status", command: "C-STORE-RQ", nth: 2, status: 0xa700 }],
  });
  assert.deepEqual(statuses, [0, 0xa700, 0, 0, 0, 0, 0, 0]);
  assert.equal(node.index.size, 7);
});

Deno.test("pacs faults: reject an association from one calling AE title", async () => {
  const node = createPacsNode({
    aeTitle: "PACS",
    faults: [{ type: "reject", callingAeTitle: "BAD", result: 2, source: 1, reason: 1 }],
  });
  await assert.rejects(
    connect(node, [{ abstractSyntax: MR, transferSyntaxes: SYNTAXES }], "BAD"),
    AssociationRejectedError,
  );
  const ok = await connect(node, [{ abstractSyntax: MR, transferSyntaxes: SYNTAXES }], "GOOD");
  await ok.release();
});

Deno.test("pacs faults: C-FIND limit answers that many matches, then the status", async () => {
  const { node } = await storedNode({
    faults: [{ type: "find-limit", maxMatches: 1, status: 0xa700 }],
  });
  const scu = await connect(node, [{
    abstractSyntax: STUDY_ROOT_FIND,
    transferSyntaxes: SYNTAXES,
  }]);
  const r = await findScu(scu, buildIdentifier(["StudyInstanceUID"], { level: "STUDY" }));
  assert.equal(r.matches.length, 1);
  assert.equal(r.status, 0xa700);
  await scu.release();
});

Deno.test("pacs faults: abort after N messages", async () => {
  const node = createPacsNode({ aeTitle: "PACS", faults: [{ type: "abort", afterMessages: 1 }] });
  const scu = await connect(node, [{
    abstractSyntax: "1.2.840.10008.1.1",
    transferSyntaxes: SYNTAXES,
  }]);
  await scu.echo();
  await assert.rejects(scu.echo());
});

Deno.test("pacs serves the worklist, MPPS and storage commitment", async () => {
  const step = new DataSet();
  step.set("PatientName", "Doe^Jane");
  step.set("PatientID", "W1");
  const sps = new DataSet();
  sps.set("Modality", "CT");
  sps.set("ScheduledStationAETitle", "CT1");
  step.add(DataElement.fromItems(0x00400100, [sps]));
  const other = step.clone();
  other.set("PatientID", "W2");
  other.getItems(0x00400100)[0].set("Modality", "MR");
  const { node } = await storedNode({ worklist: [dataSetToJson(step), dataSetToJson(other)] });
  const scu = await connect(node, [
    { abstractSyntax: MODALITY_WORKLIST_FIND, transferSyntaxes: SYNTAXES },
    { abstractSyntax: MPPS_SOP_CLASS, transferSyntaxes: SYNTAXES },
    { abstractSyntax: STORAGE_COMMITMENT_SOP_CLASS, transferSyntaxes: SYNTAXES },
  ]);
  const wl = await findScu(
    scu,
    buildIdentifier(["PatientID", "ScheduledProcedureStepSequence[0].Modality=CT"]),
    {
      sopClassUid: MODALITY_WORKLIST_FIND,
    },
  );
  assert.equal(wl.status, 0);
  assert.deepEqual(wl.matches.map((m) => m.getString("PatientID")), ["W1"]);

  const attrs = new DataSet();
  attrs.set("PerformedProcedureStepStatus", "IN PROGRESS");
  const created = await nCreate(scu, {
    sopClassUid: MPPS_SOP_CLASS,
    sopInstanceUid: "1.2.3.4",
    attributes: attrs,
  });
  assert.equal(created.status, 0);
  const done = new DataSet();
  done.set("PerformedProcedureStepStatus", "COMPLETED");
  assert.equal(
    (await nSet(scu, {
      sopClassUid: MPPS_SOP_CLASS,
      sopInstanceUid: "1.2.3.4",
      modifications: done,
    })).status,
    0,
  );
  assert.equal(
    (await nSet(scu, {
      sopClassUid: MPPS_SOP_CLASS,
      sopInstanceUid: "1.2.3.4",
      modifications: done,
    })).status,
    0x0110,
  );
  assert.equal(node.mpps.get("1.2.3.4")?.getString("PerformedProcedureStepStatus"), "COMPLETED");

  const events: number[] = [];
  const reported = new Promise<void>((resolve) => {
    scu.setRequestHandler(async (received, association) => {
      if (received.message.type !== "N-EVENT-REPORT-RQ") return;
      events.push(received.message.eventTypeId);
      await association.send({
        type: "N-EVENT-REPORT-RSP",
        messageIdBeingRespondedTo: received.message.messageId,
        affectedSopClassUid: received.message.affectedSopClassUid,
        affectedSopInstanceUid: received.message.affectedSopInstanceUid,
        eventTypeId: received.message.eventTypeId,
        status: 0,
        hasDataSet: false,
      }, { presentationContextId: received.presentationContextId });
      resolve();
    });
  });
  const action = new DataSet();
  action.set("TransactionUID", "1.2.3.99");
  const ref = (uid: string) => {
    const ds = new DataSet();
    ds.set("ReferencedSOPClassUID", MR);
    ds.set("ReferencedSOPInstanceUID", uid);
    return ds;
  };
  action.add(
    DataElement.fromItems(0x00081199, [ref(testArchive()[0].encoded.sopInstanceUid), ref("9.9.9")]),
  );
  const commit = await nAction(scu, {
    sopClassUid: STORAGE_COMMITMENT_SOP_CLASS,
    sopInstanceUid: "1.2.840.10008.1.20.1.1",
    actionTypeId: 1,
    actionInformation: action,
  });
  assert.equal(commit.status, 0);
  await reported;
  assert.deepEqual(events, [2]);
  assert.deepEqual(node.commitments[0].failed, ["9.9.9"]);
  await scu.release();
});

async function storeBytes(scu: Association, uid: string, dataSet: Uint8Array): Promise<CStoreRsp> {
  const context = scu.negotiated.contexts.find((c) => c.abstractSyntax === MR)!;
  const rsp = await scu.requestFinal({
    type: "C-STORE-RQ",
    messageId: 0,
    affectedSopClassUid: MR,
    affectedSopInstanceUid: uid,
    priority: 0,
    hasDataSet: true,
  }, { presentationContextId: context.id, dataSet });
  return rsp.message as CStoreRsp;
}

// (0008,0018) UI with a length far beyond the data.
const GARBAGE = new Uint8Array([0x08, 0x00, 0x18, 0x00, 0x55, 0x49, 0xf0, 0xff, 0x31, 0x2e]);

Deno.test("pacs answers a data set that does not parse with 0xC000 and keeps nothing", async () => {
  const storage = createMemoryPacsStorage();
  const node = createPacsNode({ aeTitle: "PACS" }, { storage });
  const scu = await connect(node, [{ abstractSyntax: MR, transferSyntaxes: SYNTAXES }]);
  const rsp = await storeBytes(scu, "1.2.3.4.5", GARBAGE);
  // PS3.4 B.2.3: Error "Cannot understand", not "Out of Resources".
  assert.equal(rsp.status, 0xc000);
  assert.match(rsp.errorComment ?? "", /^Data set does not parse/);
  assert.equal(storage.memory.files.size, 0);
  assert.equal(node.index.size, 0);
  // The node goes on serving.
  assert.equal((await store(scu, 0)).status, 0);
  await scu.release();
});

Deno.test("pacs on a folder: an unparsable data set leaves no file; a failing disk is 0xA700", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-pacs-node-"));
  try {
    const storage = createFsPacsStorage(dir);
    const node = createPacsNode({ aeTitle: "PACS" }, { storage });
    const scu = await connect(node, [{ abstractSyntax: MR, transferSyntaxes: SYNTAXES }]);
    assert.equal((await storeBytes(scu, "1.2.3.4.5", GARBAGE)).status, 0xc000);
    assert.deepEqual(readdirSync(dir), []);
    assert.equal((await store(scu, 0)).status, 0);
    assert.equal(readdirSync(dir).length, 1);
    await scu.release();
    // A store that cannot write (the disk) answers Out of Resources.
    const failing: PacsStorage = {
      ...createMemoryPacsStorage(),
      store: {
        begin: () => ({
          write() {},
          commit: () => Promise.reject(new Error("ENOSPC: no space left on device")),
          abort: () => Promise.resolve(),
        }),
      },
    };
    const full = createPacsNode({ aeTitle: "PACS" }, { storage: failing });
    const scu2 = await connect(full, [{ abstractSyntax: MR, transferSyntaxes: SYNTAXES }]);
    const rsp = await store(scu2, 0);
    assert.equal(rsp.status, 0xa700);
    assert.match(rsp.errorComment ?? "", /ENOSPC/);
    await scu2.release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("pacs faults: C-MOVE pending forever until C-CANCEL", async () => {
  const { node } = await storedNode({ faults: [{ type: "move-pending-forever" }] });
  const scu = await connect(node, [{
    abstractSyntax: "1.2.840.10008.5.1.4.1.2.2.2",
    transferSyntaxes: SYNTAXES,
  }]);
  const context = scu.negotiated.contexts[0];
  const controller = new AbortController();
  const statuses: number[] = [];
  const identifier = buildIdentifier(["StudyInstanceUID=1.2.826.0.1.3680043.9.7.1.1"], {
    level: "STUDY",
  });
  for await (
    const response of scu.request({
      type: "C-MOVE-RQ",
      messageId: 0,
      affectedSopClassUid: "1.2.840.10008.5.1.4.1.2.2.2",
      priority: 0,
      moveDestination: "ANYWHERE",
      hasDataSet: true,
    }, {
      presentationContextId: context.id,
      dataSet: encodeDataSet(identifier, context.transferSyntax),
      signal: controller.signal,
    })
  ) {
    const status = (response.message as { status: number }).status;
    statuses.push(status);
    if (status === 0xff00) setTimeout(() => controller.abort(), 20);
  }
  assert.deepEqual(statuses, [0xff00, 0xfe00]);
  await scu.release();
});

Deno.test("pacs faults: delay before each response, and close without A-ABORT", async () => {
  const node = createPacsNode({
    aeTitle: "PACS",
    faults: [
      { type: "delay", command: "C-ECHO-RQ", ms: 50 },
      { type: "close", callingAeTitle: "FLAKY", afterMessages: 0 },
    ],
  });
  const echo = [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: SYNTAXES }];
  const scu = await connect(node, echo);
  const started = Date.now();
  await scu.echo();
  assert.ok(Date.now() - started >= 45);
  await scu.release();
  const flaky = await connect(node, echo, "FLAKY");
  await assert.rejects(flaky.echo());
});

Deno.test("pacs faults: abort once more than N data set bytes arrived", async () => {
  const node = createPacsNode({ aeTitle: "PACS", faults: [{ type: "abort", afterBytes: 10 }] });
  const scu = await connect(node, [
    { abstractSyntax: MR, transferSyntaxes: SYNTAXES },
    { abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: SYNTAXES },
  ]);
  await scu.echo(); // no data set: not counted
  await assert.rejects(store(scu, 0));
  assert.equal(node.index.size, 0);
});

Deno.test("pacs reports storage commitment on a new association when configured", async () => {
  const events: { type: number; failed: number }[] = [];
  let done!: () => void;
  const reported = new Promise<void>((resolve) => done = resolve);
  const modality = await listenAssociations({
    aeTitle: "MODALITY",
    // The PACS proposes to be the SCP of Storage Commitment on this association (PS3.4 J.3.3).
    supported: [{
      abstractSyntax: STORAGE_COMMITMENT_SOP_CLASS,
      transferSyntaxes: SYNTAXES,
      roles: { scu: false, scp: true },
    }],
    onRequest: async (received, association) => {
      if (received.message.type !== "N-EVENT-REPORT-RQ") return;
      events.push({ type: received.message.eventTypeId, failed: 0 });
      await association.send({
        type: "N-EVENT-REPORT-RSP",
        messageIdBeingRespondedTo: received.message.messageId,
        affectedSopClassUid: received.message.affectedSopClassUid,
        affectedSopInstanceUid: received.message.affectedSopInstanceUid,
        eventTypeId: received.message.eventTypeId,
        status: 0,
        hasDataSet: false,
      }, { presentationContextId: received.presentationContextId });
      done();
    },
  });
  const pacs = await startPacs({
    aeTitle: "PACS",
    destinations: { MODALITY: { host: "127.0.0.1", port: modality.port } },
    storageCommitment: { report: "new", delayMs: 0, failInstances: [] },
  });
  try {
    const scu = await requestAssociation({
      host: "127.0.0.1",
      port: pacs.port,
      callingAeTitle: "MODALITY",
      calledAeTitle: "PACS",
      contexts: [{ abstractSyntax: STORAGE_COMMITMENT_SOP_CLASS, transferSyntaxes: SYNTAXES }],
    });
    const action = new DataSet();
    action.set("TransactionUID", "1.2.3.100");
    const ref = new DataSet();
    ref.set("ReferencedSOPClassUID", MR);
    ref.set("ReferencedSOPInstanceUID", "1.2.3.404");
    action.add(DataElement.fromItems(0x00081199, [ref]));
    const commit = await nAction(scu, {
      sopClassUid: STORAGE_COMMITMENT_SOP_CLASS,
      sopInstanceUid: "1.2.840.10008.1.20.1.1",
      actionTypeId: 1,
      actionInformation: action,
    });
    assert.equal(commit.status, 0);
    await scu.release();
    await reported;
    assert.deepEqual(events.map((e) => e.type), [2]);
    for (let i = 0; i < 100 && pacs.commitments[0].reported === undefined; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(pacs.commitments[0].reported, true);
  } finally {
    await pacs.close();
    await modality.close();
  }
});

Deno.test("pacs presets: rejects-async-window and strict-pn", async () => {
  const { node } = await storedNode({ presets: ["rejects-async-window", "strict-pn"] });
  const find = [{ abstractSyntax: STUDY_ROOT_FIND, transferSyntaxes: SYNTAXES }];
  const [a, b] = createMemoryPair();
  const accepted = acceptAssociation(b, node.acceptOptions);
  await assert.rejects(
    requestAssociation({
      callingAeTitle: "SCU",
      calledAeTitle: "PACS",
      transport: a,
      contexts: find,
      asyncOperationsWindow: { maxOperationsInvoked: 4, maxOperationsPerformed: 1 },
    }),
    AssociationRejectedError,
  );
  await accepted;
  const scu = await connect(node, find);
  const q = (name: string) =>
    findScu(scu, buildIdentifier(["StudyInstanceUID", `PatientName=${name}`], { level: "STUDY" }));
  assert.equal((await q("PATIENT^1")).matches.length, 0);
  assert.equal((await q("Patient^1")).matches.length, 2);
  await scu.release();
});

Deno.test("pacs refuses associations beyond maxAssociations and goes on serving", async () => {
  const pacs = await startPacs({ aeTitle: "PACS", maxAssociations: 1 });
  const open = (caller: string) =>
    requestAssociation({
      host: "127.0.0.1",
      port: pacs.port,
      callingAeTitle: caller,
      calledAeTitle: "PACS",
      contexts: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: SYNTAXES }],
    });
  try {
    const first = await open("ONE");
    await assert.rejects(open("TWO"), AssociationRejectedError);
    await first.echo();
    await first.release();
    await new Promise((r) => setTimeout(r, 50));
    const again = await open("THREE");
    await again.echo();
    await again.release();
  } finally {
    await pacs.close();
  }
});

Deno.test("pacs faults: delay before accepting an association", async () => {
  const pacs = await startPacs({ aeTitle: "PACS", faults: [{ type: "accept-delay", ms: 100 }] });
  try {
    const started = Date.now();
    const scu = await requestAssociation({
      host: "127.0.0.1",
      port: pacs.port,
      callingAeTitle: "SCU",
      calledAeTitle: "PACS",
      contexts: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: SYNTAXES }],
    });
    assert.ok(Date.now() - started >= 90);
    await scu.echo();
    await scu.release();
  } finally {
    await pacs.close();
  }
});

Deno.test("pacs faults: a warning status for one instance still stores it", async () => {
  const uid = testArchive()[3].encoded.sopInstanceUid;
  const { node, statuses } = await storedNode({
    faults: [{ type: "status", sopInstanceUid: uid, status: 0xb000, errorComment: "Coerced" }],
  });
  assert.deepEqual(statuses, [0, 0, 0, 0xb000, 0, 0, 0, 0]);
  assert.equal(node.index.size, 8);
});

const CT = "1.2.840.10008.5.1.4.1.1.2";
const EXPLICIT = "1.2.840.10008.1.2.1";
const IMPLICIT = "1.2.840.10008.1.2";

Deno.test("pacs prefers the transfer syntaxes configured for a SOP class", async () => {
  const node = createPacsNode({
    aeTitle: "PACS",
    sopClasses: { [MR]: { transferSyntaxes: [IMPLICIT, EXPLICIT] } },
  });
  const scu = await connect(node, [
    { abstractSyntax: MR, transferSyntaxes: [EXPLICIT, IMPLICIT] },
    { abstractSyntax: CT, transferSyntaxes: [EXPLICIT, IMPLICIT] },
    { abstractSyntax: STUDY_ROOT_FIND, transferSyntaxes: [EXPLICIT, IMPLICIT] },
  ]);
  const syntaxOf = (uid: string) =>
    scu.negotiated.contexts.find((c) => c.abstractSyntax === uid)?.transferSyntax;
  assert.equal(syntaxOf(MR), IMPLICIT);
  assert.equal(syntaxOf(CT), EXPLICIT);
  assert.equal((await store(scu, 0)).status, 0);
  assert.equal(node.index.instances()[0].transferSyntaxUid, IMPLICIT);
  await scu.release();
  assert.throws(
    () => createPacsNode({ sopClasses: { "1.2.3.4": { transferSyntaxes: [EXPLICIT] } } }),
    /sopClasses\.1\.2\.3\.4: not a SOP class this node serves/,
  );
});

Deno.test("pacs C-GET without the SCP role for the storage class fails every sub-operation", async () => {
  for (
    const config of [
      { getScpRole: "refuse" },
      { getScpRole: "ignore" },
      { sopClasses: { [MR]: { getScpRole: "refuse" } } },
    ] as Partial<PacsConfig>[]
  ) {
    const { node } = await storedNode(config);
    const scu = await connect(node, [
      { abstractSyntax: STUDY_ROOT_GET, transferSyntaxes: SYNTAXES },
      ...getStorageContexts(),
    ]);
    const received: string[] = [];
    const result = await getScu(
      scu,
      buildIdentifier(["StudyInstanceUID=1.2.826.0.1.3680043.9.7.1.1"], { level: "STUDY" }),
      { onInstance: (i) => void received.push(i.sopInstanceUid) },
    );
    // PS3.4 C.4.3.3: no C-STORE sent; all sub-operations failed.
    assert.equal(result.status, 0xa702, JSON.stringify(config));
    assert.equal(received.length, 0);
    assert.equal(result.failed, 3);
    await scu.release();
  }
  // Refused for CT only: MR still goes.
  const { node } = await storedNode({ sopClasses: { [CT]: { getScpRole: "refuse" } } });
  const scu = await connect(node, [
    { abstractSyntax: STUDY_ROOT_GET, transferSyntaxes: SYNTAXES },
    ...getStorageContexts(),
  ]);
  const result = await getScu(
    scu,
    buildIdentifier(["StudyInstanceUID=1.2.826.0.1.3680043.9.7.1.1"], { level: "STUDY" }),
    { onInstance: () => {} },
  );
  assert.equal(result.status, 0);
  await scu.release();
});

Deno.test("pacs query methods: hierarchical refuses, negotiated follows the extended negotiation", async () => {
  const noStudy = buildIdentifier(["SeriesInstanceUID", "Modality=MR"], { level: "SERIES" });
  const relational = [{
    sopClassUid: STUDY_ROOT_FIND,
    serviceClassApplicationInformation: Uint8Array.of(1),
  }];
  const find = async (
    node: PacsNode,
    sopClassExtended: typeof relational = [],
  ) => {
    const [a, b] = createMemoryPair();
    const accepted = acceptAssociation(b, node.acceptOptions);
    const scu = await requestAssociation({
      callingAeTitle: "SCU",
      calledAeTitle: "PACS",
      transport: a,
      contexts: [{ abstractSyntax: STUDY_ROOT_FIND, transferSyntaxes: SYNTAXES }],
      sopClassExtended,
    });
    await accepted;
    const agreed = scu.negotiated.sopClassExtended[0]?.serviceClassApplicationInformation[0];
    const result = await findScu(scu, noStudy);
    await scu.release();
    return { status: result.status, count: result.matches.length, agreed };
  };
  const relationalNode = (await storedNode()).node;
  assert.deepEqual(await find(relationalNode), { status: 0, count: 4, agreed: undefined });
  assert.deepEqual(await find(relationalNode, relational), { status: 0, count: 4, agreed: 1 });
  const strict = (await storedNode({ queryMethod: "hierarchical" })).node;
  assert.deepEqual(await find(strict, relational), { status: 0xa900, count: 0, agreed: 0 });
  const negotiated = (await storedNode({ queryMethod: "negotiated" })).node;
  assert.deepEqual(await find(negotiated), { status: 0xa900, count: 0, agreed: undefined });
  assert.deepEqual(await find(negotiated, relational), { status: 0, count: 4, agreed: 1 });
  // Retrieves too (PS3.4 C.4.2.2.1): a C-GET at SERIES level needs the Study Instance UID.
  const scu = await connect(strict, [
    { abstractSyntax: STUDY_ROOT_GET, transferSyntaxes: SYNTAXES },
    ...getStorageContexts(),
  ]);
  const get = (keys: string[]) =>
    getScu(scu, buildIdentifier(keys, { level: "SERIES" }), { onInstance: () => {} });
  const series = "SeriesInstanceUID=1.2.826.0.1.3680043.9.7.1.1.1";
  assert.equal((await get([series])).status, 0xa900);
  const ok = await get([series, "StudyInstanceUID=1.2.826.0.1.3680043.9.7.1.1"]);
  assert.equal(ok.status, 0);
  assert.equal(ok.completed, 2);
  await scu.release();
});

Deno.test("pacs indexes an instance whose values hold the bytes of the Pixel Data tag", async () => {
  const node = createPacsNode({ aeTitle: "PACS" });
  const scu = await connect(node, [{ abstractSyntax: MR, transferSyntaxes: SYNTAXES }]);
  const ds = testArchive()[0].dataSet.clone();
  ds.set("SOPInstanceUID", "1.2.3.4.6");
  ds.set(0x00090010, "DICOMSIM", "LO");
  // (7FE0,0010) as bytes inside a value before the real Pixel Data, and keys after it.
  ds.set(0x00091001, Uint8Array.of(0xe0, 0x7f, 0x10, 0x00, ...new Array(40).fill(7)), "OB");
  const rsp = await storeBytes(scu, "1.2.3.4.6", encodeDataSet(ds, SYNTAXES[0]));
  assert.equal(rsp.status, 0);
  assert.equal(node.index.get("1.2.3.4.6")?.attributes.getString("PatientID"), "P1");
  await scu.release();
});

Deno.test("storeTransferSyntax: a JPEG-LS instance is stored decompressed; fail policy answers 0x0110", async () => {
  const fixtures = new URL("../../../../shared/fixtures/", import.meta.url);
  const read = (name: string) => new Uint8Array(readFileSync(new URL(name, fixtures)));
  const jpegLs = instanceFromPart10(read("pydicom-data/JLSL_16_15_1_1F.dcm"));
  // A JPEG 2000 codestream OpenJPEG refuses: it cannot be decompressed.
  const brokenJ2k = instanceFromPart10(
    read("pydicom-v3.0.2/test_files/JPEG2000-embedded-sequence-delimiter.dcm"),
  );
  for (const policy of ["keep", "fail"] as const) {
    const storage = createMemoryPacsStorage();
    const node = createPacsNode({
      aeTitle: "PACS",
      storeTransferSyntax: "ExplicitVRLittleEndian",
      storeTranscodeFailure: policy,
    }, { storage });
    await node.load();
    const scu = await connect(node, [
      { abstractSyntax: jpegLs.sopClassUid, transferSyntaxes: [jpegLs.transferSyntaxUid] },
      { abstractSyntax: brokenJ2k.sopClassUid, transferSyntaxes: [brokenJ2k.transferSyntaxUid] },
    ]);
    const statuses: number[] = [];
    for (const instance of [jpegLs, brokenJ2k]) {
      const context = scu.negotiated.contexts.find((c) =>
        c.transferSyntax === instance.transferSyntaxUid
      )!;
      const rsp = await scu.requestFinal({
        type: "C-STORE-RQ",
        messageId: 0,
        affectedSopClassUid: instance.sopClassUid,
        affectedSopInstanceUid: instance.sopInstanceUid,
        priority: 0,
        hasDataSet: true,
      }, { presentationContextId: context.id, dataSet: instance.dataSet });
      statuses.push((rsp.message as CStoreRsp).status);
    }
    await scu.release();
    await node.idle();
    // The broken JPEG 2000 does not decode: kept as received, or refused.
    assert.deepEqual(statuses, policy === "keep" ? [0, 0] : [0, 0x0110]);
    const stored = node.index.get(jpegLs.sopInstanceUid)!;
    const file = readDicom(await storage.read(stored.location));
    assert.equal(file.transferSyntaxUid, "1.2.840.10008.1.2.1");
    const original = readDicom(read("pydicom-data/JLSL_16_15_1_1F.dcm"));
    assert.deepEqual(
      framePixels(file.dataSet, file.transferSyntaxUid),
      await decodeFrame(original.dataSet, original.transferSyntaxUid),
    );
    if (policy === "keep") {
      const kept = readDicom(
        await storage.read(node.index.get(brokenJ2k.sopInstanceUid)!.location),
      );
      assert.equal(kept.transferSyntaxUid, brokenJ2k.transferSyntaxUid);
    }
  }
});
