/**
 * Query/Retrieve with DCMTK both ways: our find/move/get (library and CLI) against dcmqrscp, and
 * DCMTK's findscu/movescu/getscu against our C-FIND/C-MOVE/C-GET SCP building blocks. Peers run
 * on 127.0.0.1 with ephemeral ports and TCP_NODELAY=1 and are stopped by PID.
 */
import assert from "node:assert/strict";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../src/cli/main.ts";
import { dataSetToJson } from "../src/codec/dicom_json.ts";
import { readDicom } from "../src/codec/read_file.ts";
import type { DataSet } from "../src/core/dataset.ts";
import { listenAssociations } from "../src/net/association/accept_association.ts";
import type { Association } from "../src/net/association/association.ts";
import { requestAssociation } from "../src/net/association/request_association.ts";
import { ANY_STORAGE_SOP_CLASS } from "../src/net/acse/negotiate_contexts.ts";
import type { TransportServer } from "../src/net/transport/transport.ts";
import { type EncodedInstance, instanceFromPart10 } from "../src/services/encoded_instance.ts";
import { findScp } from "../src/services/find_scp.ts";
import { findScu } from "../src/services/find_scu.ts";
import { getScp } from "../src/services/get_scp.ts";
import { storeReceiver } from "../src/services/get_scu.ts";
import { buildIdentifier } from "../src/services/identifier.ts";
import { moveScp } from "../src/services/move_scp.ts";
import { moveScu } from "../src/services/move_scu.ts";
import { matchesIdentifier, queryDataSets } from "../src/services/query_match.ts";
import {
  PATIENT_ROOT_FIND,
  PATIENT_ROOT_GET,
  PATIENT_ROOT_MOVE,
  type QueryLevel,
  STUDY_ROOT_FIND,
  STUDY_ROOT_GET,
  STUDY_ROOT_MOVE,
} from "../src/services/query_models.ts";
import { freePort, type Peer, runDcmtk, startDcmtkServer } from "./_dcmtk.ts";
import { fixture } from "./_fixtures.ts";
import { requirePeer } from "./_peers.ts";

const SERIES_DIR = fixture("pacsman-series/dicomseries");
const PACSMAN = readdirSync(SERIES_DIR).filter((f) => f.endsWith(".dcm")).map((f) =>
  join(SERIES_DIR, f)
);
const CT = fixture("pydicom-v3.0.2/test_files/CT_small.dcm");
const MR = fixture("pydicom-v3.0.2/test_files/MR_small.dcm");
const PACSMAN_STUDY = "1.2.826.0.1.3680043.8.498.23904356067352728123256330845974725175";
const PACSMAN_SERIES = "1.2.826.0.1.3680043.8.498.12577700408269398389391326344238305188";
const CT_STUDY = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
const CT_SERIES = "1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322";
const SYNTAXES = ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"];

interface Original {
  path: string;
  instance: EncodedInstance;
  dataSet: DataSet;
}

function load(path: string): Original {
  const bytes = new Uint8Array(readFileSync(path));
  return { path, instance: instanceFromPart10(bytes), dataSet: readDicom(bytes).dataSet };
}

const ORIGINALS = new Map<string, Original>();
for (const path of [...PACSMAN, CT, MR]) {
  const o = load(path);
  ORIGINALS.set(o.instance.sopInstanceUid, o);
}

function json(ds: DataSet): string {
  return JSON.stringify(dataSetToJson(ds));
}

/** Asserts the data set equals the fixture's with the same SOP Instance UID. */
function assertSameAsOriginal(dataSet: DataSet, what: string): void {
  const uid = dataSet.getString("SOPInstanceUID")!;
  const original = ORIGINALS.get(uid);
  assert.ok(original, `${what}: unknown SOP instance ${uid}`);
  const a = dataSetToJson(dataSet);
  const b = dataSetToJson(original.dataSet);
  // DCMTK drops (FFFC,FFFC) Data Set Trailing Padding when it sends a file (PS3.10 7.2).
  delete b["FFFCFFFC"];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const differing = keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  assert.deepEqual(
    differing.map((k) => [k, a[k], b[k]]),
    [],
    `${what}: ${uid} differs`,
  );
}

interface Archive {
  port: number;
  peer: Peer;
  stop: () => Promise<void>;
}

/** dcmqrscp with the fixtures indexed in a temporary storage area; `hosts` go in its HostTable. */
async function startArchive(hosts: { ae: string; port: number }[] = []): Promise<Archive> {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-qr-"));
  const storage = join(dir, "ARCHIVE");
  mkdirSync(storage);
  const files = [...PACSMAN, CT, MR].map((path, i) => {
    const target = join(storage, `f${i}.dcm`);
    copyFileSync(path, target);
    return target;
  });
  const indexed = await runDcmtk("dcmqridx", [storage, ...files]);
  assert.equal(indexed.code, 0, indexed.output);
  const port = await freePort();
  const config = join(dir, "dcmqrscp.cfg");
  writeFileSync(
    config,
    [
      `NetworkTCPPort = ${port}`,
      "MaxPDUSize = 16384",
      "MaxAssociations = 16",
      "HostTable BEGIN",
      ...hosts.map((h, i) => `host${i} = (${h.ae}, 127.0.0.1, ${h.port})`),
      "HostTable END",
      "VendorTable BEGIN",
      "VendorTable END",
      "AETable BEGIN",
      `ARCHIVE ${storage} RW (100, 1024mb) ANY`,
      "AETable END",
      "",
    ].join("\n"),
  );
  // dcmqrscp 3.6.7 crashes in --single-process mode after an association: run it forking.
  const peer = await startDcmtkServer("dcmqrscp", ["-c", config, String(port)], port);
  return {
    port,
    peer,
    stop: async () => {
      await peer.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function readFolder(dir: string): DataSet[] {
  return readdirSync(dir).filter((f) => !f.startsWith(".")).map((f) =>
    readDicom(readFileSync(join(dir, f))).dataSet
  );
}

interface Query {
  model: "P" | "S";
  level: QueryLevel;
  keys: string[];
  expect: number;
}

const QUERIES: Query[] = [
  { model: "P", level: "PATIENT", keys: ["PatientID", "PatientName"], expect: 3 },
  {
    model: "P",
    level: "STUDY",
    keys: ["PatientID=PACSMAN1", "StudyInstanceUID", "StudyDate", "StudyID"],
    expect: 1,
  },
  { model: "S", level: "STUDY", keys: ["StudyInstanceUID", "PatientID", "StudyDate"], expect: 3 },
  {
    model: "S",
    level: "SERIES",
    keys: [`StudyInstanceUID=${PACSMAN_STUDY}`, "SeriesInstanceUID", "Modality", "SeriesNumber"],
    expect: 1,
  },
  {
    model: "S",
    level: "IMAGE",
    keys: [
      `StudyInstanceUID=${PACSMAN_STUDY}`,
      `SeriesInstanceUID=${PACSMAN_SERIES}`,
      "SOPInstanceUID",
      "InstanceNumber",
    ],
    expect: 128,
  },
  {
    model: "P",
    level: "IMAGE",
    keys: [
      "PatientID=1CT1",
      `StudyInstanceUID=${CT_STUDY}`,
      `SeriesInstanceUID=${CT_SERIES}`,
      "SOPInstanceUID",
      "SOPClassUID",
    ],
    expect: 1,
  },
];

Deno.test("our C-FIND at every level (Patient and Study Root) matches what findscu gets from dcmqrscp", async () => {
  if (!requirePeer("dcmdump")) return;
  const archive = await startArchive();
  const work = mkdtempSync(join(tmpdir(), "dicomsim-findscu-"));
  let association: Association | undefined;
  try {
    association = await requestAssociation({
      host: "127.0.0.1",
      port: archive.port,
      callingAeTitle: "DICOMSIM",
      calledAeTitle: "ARCHIVE",
      contexts: [{ abstractSyntax: PATIENT_ROOT_FIND }, { abstractSyntax: STUDY_ROOT_FIND }],
    });
    for (const [i, q] of QUERIES.entries()) {
      const what = `${q.model} ${q.level}`;
      const ours = await findScu(association, buildIdentifier(q.keys, { level: q.level }), {
        sopClassUid: q.model === "P" ? PATIENT_ROOT_FIND : STUDY_ROOT_FIND,
      });
      assert.equal(ours.status, 0, what);
      assert.equal(ours.matches.length, q.expect, what);
      const out = join(work, String(i));
      mkdirSync(out);
      const dcmtk = await runDcmtk("findscu", [
        "-aec",
        "ARCHIVE",
        `-${q.model}`,
        "-X",
        "-od",
        out,
        "-k",
        `QueryRetrieveLevel=${q.level}`,
        ...q.keys.flatMap((k) => ["-k", k]),
        "127.0.0.1",
        String(archive.port),
      ]);
      assert.equal(dcmtk.code, 0, dcmtk.output);
      const theirs = readFolder(out).map(json).sort();
      assert.deepEqual(ours.matches.map(json).sort(), theirs, what);
    }
    // The image-level matches are exactly the loaded series.
    const images = await findScu(association, buildIdentifier(QUERIES[4].keys, { level: "IMAGE" }));
    assert.deepEqual(
      images.matches.map((m) => m.getString("SOPInstanceUID")).sort(),
      PACSMAN.map((p) => load(p).instance.sopInstanceUid).sort(),
    );
    await association.release();
    // The CLI, as DICOM JSON.
    const r = await cli([
      "find",
      `127.0.0.1:${archive.port}`,
      "--aec",
      "ARCHIVE",
      "--level",
      "PATIENT",
      "-k",
      "PatientID",
      "-k",
      "PatientName",
      "--json",
    ]);
    assert.equal(r.code, 0, r.err);
    const ids = (JSON.parse(r.out) as { "00100020": { Value: string[] } }[])
      .map((m) => m["00100020"].Value[0]).sort();
    assert.deepEqual(ids, ["1CT1", "4MR1", "PACSMAN1"]);
    assert.match(r.err, /3 match\(es\), final status 0x0000/);
    const text = await cli([
      "find",
      `127.0.0.1:${archive.port}`,
      "--aec",
      "ARCHIVE",
      "--level",
      "STUDY",
      "-k",
      "PatientID=1CT1",
      "-k",
      "StudyInstanceUID",
    ]);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /# Match 1\n[^]*\(0020,000d\) UI \[1\.3\.6\.1\.4\.1\.5962\.1\.2\.1\./);
  } finally {
    association?.abort();
    rmSync(work, { recursive: true, force: true });
    await archive.stop();
  }
});

Deno.test("C-CANCEL of our C-FIND mid-way: dcmqrscp ends it with 0xFE00", async () => {
  if (!requirePeer("dcmdump")) return;
  const archive = await startArchive();
  try {
    const association = await requestAssociation({
      host: "127.0.0.1",
      port: archive.port,
      callingAeTitle: "DICOMSIM",
      calledAeTitle: "ARCHIVE",
      contexts: [{ abstractSyntax: STUDY_ROOT_FIND }],
    });
    // dcmqrscp sends its 128 responses within a few milliseconds, before a C-CANCEL-RQ sent on
    // the first match could reach it; it looks for C-CANCEL-RQ before each response, so cancel
    // as soon as the C-FIND-RQ is out (a microtask later: the event comes before its PDUs).
    const controller = new AbortController();
    const off = association.on((event) => {
      if (event.type === "dimse-sent" && event.message.type === "C-FIND-RQ") {
        queueMicrotask(() => controller.abort());
      }
    });
    const result = await findScu(
      association,
      buildIdentifier(QUERIES[4].keys, { level: "IMAGE" }),
      { signal: controller.signal },
    );
    off();
    assert.equal(result.status, 0xfe00);
    assert.ok(result.matches.length < 128, `${result.matches.length}`);
    // The association goes on.
    const after = await findScu(association, buildIdentifier(["PatientID"], { level: "STUDY" }));
    assert.equal(after.status, 0);
    await association.release();
    // The CLI's --cancel-after.
    const r = await cli([
      "find",
      `127.0.0.1:${archive.port}`,
      "--aec",
      "ARCHIVE",
      "--level",
      "IMAGE",
      "--cancel-after",
      "2",
      ...QUERIES[4].keys.flatMap((k) => ["-k", k]),
    ]);
    assert.equal(r.code, 0, r.err + r.out);
    // Cancel or complete, whichever comes first (see above).
    assert.match(r.out, /final status 0x(FE00|0000)/);
  } finally {
    await archive.stop();
  }
});

/** Our storage receiver, as a move destination. */
async function startReceiver(aeTitle: string): Promise<{
  server: TransportServer;
  received: EncodedInstance[];
}> {
  const received: EncodedInstance[] = [];
  const server = await listenAssociations({
    aeTitle,
    listen: { host: "127.0.0.1", port: 0 },
    supported: [{ abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: SYNTAXES }],
    onRequest: storeReceiver((instance) => void received.push(instance)),
  });
  return { server, received };
}

function assertReceivedAll(received: EncodedInstance[], expected: string[], what: string): void {
  assert.deepEqual(received.map((r) => r.sopInstanceUid).sort(), [...expected].sort(), what);
  for (const r of received) {
    const original = ORIGINALS.get(r.sopInstanceUid)!;
    assert.equal(r.sopClassUid, original.instance.sopClassUid);
    assertSameAsOriginal(
      readDicom(r.dataSet, { transferSyntax: r.transferSyntaxUid }).dataSet,
      what,
    );
  }
}

Deno.test("our C-MOVE from dcmqrscp to our own receiver delivers identical data sets", async () => {
  if (!requirePeer("dcmdump")) return;
  const dest = await startReceiver("OURDEST");
  const archive = await startArchive([{ ae: "OURDEST", port: dest.server.port }]);
  try {
    // The CLI, Patient Root, the whole 128-slice patient.
    const r = await cli([
      "move",
      `127.0.0.1:${archive.port}`,
      "--aec",
      "ARCHIVE",
      "--dest",
      "OURDEST",
      "--level",
      "PATIENT",
      "-k",
      "PatientID=PACSMAN1",
    ]);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /^Pending: remaining \d+, completed \d+/m);
    assert.match(r.out, /status 0x0000 .*completed 128, failed 0, warning 0/);
    const pacsmanUids = PACSMAN.map((p) => load(p).instance.sopInstanceUid);
    assertReceivedAll(dest.received, pacsmanUids, "move PATIENT");
    // The library, Study Root, one study.
    dest.received.length = 0;
    const association = await requestAssociation({
      host: "127.0.0.1",
      port: archive.port,
      callingAeTitle: "DICOMSIM",
      calledAeTitle: "ARCHIVE",
      contexts: [{ abstractSyntax: STUDY_ROOT_MOVE }, { abstractSyntax: PATIENT_ROOT_MOVE }],
    });
    const pending: number[] = [];
    const result = await moveScu(
      association,
      buildIdentifier([`StudyInstanceUID=${CT_STUDY}`], { level: "STUDY" }),
      { destination: "OURDEST", onProgress: (p) => pending.push(p.status) },
    );
    assert.equal(result.status, 0);
    assert.equal(result.completed, 1);
    assertReceivedAll(dest.received, [load(CT).instance.sopInstanceUid], "move STUDY");
    // An unknown destination is refused.
    const unknown = await moveScu(
      association,
      buildIdentifier([`StudyInstanceUID=${CT_STUDY}`], { level: "STUDY" }),
      { destination: "NOWHERE" },
    );
    assert.equal(unknown.status, 0xa801);
    await association.release();
    const refused = await cli([
      "move",
      `127.0.0.1:${archive.port}`,
      "--aec",
      "ARCHIVE",
      "--dest",
      "NOWHERE",
      "--level",
      "STUDY",
      "-k",
      `StudyInstanceUID=${CT_STUDY}`,
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /status 0xA801/);
  } finally {
    await archive.stop();
    await dest.server.close();
  }
});

Deno.test("our C-GET from dcmqrscp writes identical data sets into a folder", async () => {
  if (!requirePeer("dcmdump")) return;
  const archive = await startArchive();
  const out = mkdtempSync(join(tmpdir(), "dicomsim-get-"));
  try {
    const r = await cli([
      "get",
      `127.0.0.1:${archive.port}`,
      "--aec",
      "ARCHIVE",
      "--out",
      out,
      "--level",
      "STUDY",
      "-k",
      `StudyInstanceUID=${PACSMAN_STUDY}`,
    ]);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /status 0x0000 .*completed 128, failed 0, warning 0; 128 file\(s\)/);
    const files = readFolder(out);
    assert.equal(files.length, 128);
    for (const ds of files) assertSameAsOriginal(ds, "get STUDY");
    // Patient Root, image level, with a --sop-class the peer must use.
    const one = join(out, "one");
    const ct = await cli([
      "get",
      `127.0.0.1:${archive.port}`,
      "--aec",
      "ARCHIVE",
      "--out",
      one,
      "--model",
      "patient",
      "--level",
      "IMAGE",
      "--sop-class",
      "1.2.840.10008.5.1.4.1.1.2",
      "-k",
      "PatientID=1CT1",
      "-k",
      `StudyInstanceUID=${CT_STUDY}`,
      "-k",
      `SeriesInstanceUID=${CT_SERIES}`,
      "-k",
      `SOPInstanceUID=${load(CT).instance.sopInstanceUid}`,
    ]);
    assert.equal(ct.code, 0, ct.err + ct.out);
    const got = readFolder(one);
    assert.equal(got.length, 1);
    assertSameAsOriginal(got[0], "get IMAGE");
    // Without the storage SOP class proposed the sub-operation fails: exit 1.
    const none = await cli([
      "get",
      `127.0.0.1:${archive.port}`,
      "--aec",
      "ARCHIVE",
      "--out",
      join(out, "none"),
      "--level",
      "STUDY",
      "--sop-class",
      "1.2.840.10008.5.1.4.1.1.7",
      "-k",
      `StudyInstanceUID=${CT_STUDY}`,
    ]);
    assert.equal(none.code, 1, none.out);
    assert.match(none.out, /failed 1/);
  } finally {
    rmSync(out, { recursive: true, force: true });
    await archive.stop();
  }
});

// ---- DCMTK clients against our SCP building blocks ----

const SMALL = [CT, MR, ...PACSMAN.slice(0, 3)].map(load);

/** 100 matches, one every 5 ms: time for a C-CANCEL-RQ to arrive mid-way. */
async function* slowMatches(identifier: DataSet): AsyncGenerator<DataSet> {
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const match = identifier.clone();
    match.set("PatientName", `Slow^${i}`);
    yield match;
  }
}

async function startOurQrScp(moveDestinations: Map<string, number>): Promise<TransportServer> {
  const lookup = (identifier: DataSet) =>
    SMALL.filter((o) => matchesIdentifier(o.dataSet, identifier)).map((o) => o.instance);
  const find = findScp({
    match: (identifier) => {
      if (identifier.getString("PatientID") === "SLOW") return slowMatches(identifier);
      return queryDataSets(SMALL.map((o) => o.dataSet), identifier, { retrieveAeTitle: "OURQR" });
    },
  });
  const move = moveScp({
    instances: lookup,
    resolveDestination: (ae) => {
      const port = moveDestinations.get(ae);
      return port === undefined ? undefined : { host: "127.0.0.1", port };
    },
  });
  const get = getScp({ instances: lookup });
  return await listenAssociations({
    aeTitle: "OURQR",
    listen: { host: "127.0.0.1", port: 0 },
    supported: [
      ...[
        PATIENT_ROOT_FIND,
        STUDY_ROOT_FIND,
        PATIENT_ROOT_MOVE,
        STUDY_ROOT_MOVE,
        PATIENT_ROOT_GET,
        STUDY_ROOT_GET,
      ].map((abstractSyntax) => ({ abstractSyntax, transferSyntaxes: SYNTAXES })),
      {
        abstractSyntax: ANY_STORAGE_SOP_CLASS,
        transferSyntaxes: SYNTAXES,
        roles: { scu: true, scp: true },
      },
    ],
    onRequest: async (received, association) => {
      await find(received, association);
      await move(received, association);
      await get(received, association);
    },
  });
}

Deno.test("DCMTK findscu, movescu and getscu against our C-FIND/C-MOVE/C-GET SCP", async () => {
  if (!requirePeer("dcmdump")) return;
  const destinations = new Map<string, number>();
  const server = await startOurQrScp(destinations);
  const work = mkdtempSync(join(tmpdir(), "dicomsim-ourqr-"));
  const port = String(server.port);
  try {
    // findscu, patient level and image level.
    const patients = join(work, "patients");
    mkdirSync(patients);
    const f = await runDcmtk("findscu", [
      "-aec",
      "OURQR",
      "-P",
      "-X",
      "-od",
      patients,
      "-k",
      "QueryRetrieveLevel=PATIENT",
      "-k",
      "PatientID",
      "-k",
      "PatientName",
      "127.0.0.1",
      port,
    ]);
    assert.equal(f.code, 0, f.output);
    const found = readFolder(patients);
    assert.deepEqual(found.map((d) => d.getString("PatientID")).sort(), [
      "1CT1",
      "4MR1",
      "PACSMAN1",
    ]);
    for (const d of found) assert.equal(d.getString("RetrieveAETitle"), "OURQR");
    const images = join(work, "images");
    mkdirSync(images);
    const fi = await runDcmtk("findscu", [
      "-aec",
      "OURQR",
      "-S",
      "-X",
      "-od",
      images,
      "-k",
      "QueryRetrieveLevel=IMAGE",
      "-k",
      `StudyInstanceUID=${PACSMAN_STUDY}`,
      "-k",
      "SOPInstanceUID",
      "127.0.0.1",
      port,
    ]);
    assert.equal(fi.code, 0, fi.output);
    assert.deepEqual(
      readFolder(images).map((d) => d.getString("SOPInstanceUID")).sort(),
      SMALL.slice(2).map((o) => o.instance.sopInstanceUid).sort(),
    );
    // findscu --cancel: our SCP stops matching and ends with Cancel.
    const cancelled = await runDcmtk("findscu", [
      "-v",
      "-aec",
      "OURQR",
      "-P",
      "--cancel",
      "3",
      "-k",
      "QueryRetrieveLevel=PATIENT",
      "-k",
      "PatientID=SLOW",
      "-k",
      "PatientName",
      "127.0.0.1",
      port,
    ]);
    assert.equal(cancelled.code, 0, cancelled.output);
    assert.match(cancelled.output, /Final Find Response \(Cancel/);
    const responses = cancelled.output.match(/Find Response: \d+ \(Pending\)/g) ?? [];
    assert.ok(responses.length >= 3 && responses.length < 100, cancelled.output);
    // movescu: it is its own move destination.
    const moved = join(work, "moved");
    mkdirSync(moved);
    const movePort = await freePort();
    destinations.set("MOVESCU", movePort);
    const m = await runDcmtk("movescu", [
      "-aet",
      "MOVESCU",
      "-aem",
      "MOVESCU",
      "-aec",
      "OURQR",
      "-S",
      "+P",
      String(movePort),
      "-od",
      moved,
      "-k",
      "QueryRetrieveLevel=STUDY",
      "-k",
      `StudyInstanceUID=${PACSMAN_STUDY}`,
      "127.0.0.1",
      port,
    ]);
    assert.equal(m.code, 0, m.output);
    const movedFiles = readFolder(moved);
    assert.equal(movedFiles.length, 3, m.output);
    for (const ds of movedFiles) assertSameAsOriginal(ds, "movescu");
    // An unknown destination: movescu reports the A801 refusal.
    const unknown = await runDcmtk("movescu", [
      "-v",
      "-aet",
      "MOVESCU",
      "-aem",
      "NOWHERE",
      "-aec",
      "OURQR",
      "-S",
      "-k",
      "QueryRetrieveLevel=STUDY",
      "-k",
      `StudyInstanceUID=${CT_STUDY}`,
      "127.0.0.1",
      port,
    ]);
    assert.match(unknown.output, /MoveDestinationUnknown/);
    // getscu, patient root, two patients' worth.
    const got = join(work, "got");
    mkdirSync(got);
    const g = await runDcmtk("getscu", [
      "-aec",
      "OURQR",
      "-P",
      "-od",
      got,
      "-k",
      "QueryRetrieveLevel=PATIENT",
      "-k",
      "PatientID=1CT1",
      "127.0.0.1",
      port,
    ]);
    assert.equal(g.code, 0, g.output);
    const gotFiles = readFolder(got);
    assert.equal(gotFiles.length, 1, g.output);
    assertSameAsOriginal(gotFiles[0], "getscu");
    const got2 = join(work, "got2");
    mkdirSync(got2);
    const g2 = await runDcmtk("getscu", [
      "-aec",
      "OURQR",
      "-S",
      "-od",
      got2,
      "-k",
      "QueryRetrieveLevel=STUDY",
      "-k",
      `StudyInstanceUID=${PACSMAN_STUDY}`,
      "127.0.0.1",
      port,
    ]);
    assert.equal(g2.code, 0, g2.output);
    const got2Files = readFolder(got2);
    assert.equal(got2Files.length, 3, g2.output);
    for (const ds of got2Files) assertSameAsOriginal(ds, "getscu STUDY");
  } finally {
    rmSync(work, { recursive: true, force: true });
    await server.close();
  }
});
