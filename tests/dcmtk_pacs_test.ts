/**
 * The mock PACS with DCMTK as the client: storescu a whole series in, findscu at every level,
 * movescu to a DCMTK storescp, getscu, worklist findscu -W; a restart rebuilds the index from the
 * store folder; faults seen from the DCMTK side (an association rejection, a failure status for
 * the Nth C-STORE).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { readDicom } from "../src/codec/read_file.ts";
import { type PacsConfig, parsePacsConfig } from "../src/sim/pacs/pacs_config.ts";
import { type Pacs, startPacs } from "../src/sim/pacs/pacs_node.ts";
import { createFsPacsStorage } from "../src/sim/pacs/pacs_storage_fs.ts";
import { freePort, runDcmtk, startDcmtkServer } from "./_dcmtk.ts";
import { fixture } from "./_fixtures.ts";
import { requirePeer } from "./_peers.ts";

const SERIES_DIR = fixture("pacsman-series/dicomseries");
const SERIES_FILES = readdirSync(SERIES_DIR).filter((f) => f.endsWith(".dcm")).map((f) =>
  join(SERIES_DIR, f)
);
const STUDY = "1.2.826.0.1.3680043.8.498.23904356067352728123256330845974725175";

function start(dir: string, config: Partial<PacsConfig> = {}): Promise<Pacs> {
  return startPacs({ aeTitle: "PACS", ...config }, { storage: createFsPacsStorage(dir) });
}

function dcmFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => !f.startsWith(".")).map((f) => join(dir, f));
}

async function find(port: number, out: string, args: string[]): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const r = await runDcmtk("findscu", [
    "-aec",
    "PACS",
    "-X",
    "-od",
    out,
    ...args,
    "127.0.0.1",
    String(port),
  ]);
  assert.equal(r.code, 0, r.output);
  return dcmFiles(out);
}

Deno.test("DCMTK storescu, findscu, movescu, getscu against the mock PACS; restart keeps the index", async () => {
  if (!requirePeer("dcmdump")) return;
  const work = mkdtempSync(join(tmpdir(), "dicomsim-pacs-"));
  const store = join(work, "store");
  const destPort = await freePort();
  const worklistItem = {
    "00100010": { vr: "PN", Value: [{ Alphabetic: "Doe^Jane" }] },
    "00100020": { vr: "LO", Value: ["W1"] },
    "00400100": {
      vr: "SQ",
      Value: [{
        "00080060": { vr: "CS", Value: ["CT"] },
        "00400001": { vr: "AE", Value: ["CT1"] },
      }],
    },
  };
  let pacs = await start(store, {
    destinations: { STORESCP: { host: "127.0.0.1", port: destPort } },
    worklist: [worklistItem],
  });
  const recv = join(work, "moved");
  mkdirSync(recv);
  const storescp = await startDcmtkServer("storescp", ["-od", recv, String(destPort)], destPort);
  try {
    const port = String(pacs.port);
    const s = await runDcmtk("storescu", ["-aec", "PACS", "+sd", "127.0.0.1", port, SERIES_DIR]);
    assert.equal(s.code, 0, s.output);
    assert.equal(pacs.index.size, SERIES_FILES.length);
    assert.equal(dcmFiles(store).length, SERIES_FILES.length);

    const patients = await find(pacs.port, join(work, "p"), [
      "-P",
      "-k",
      "QueryRetrieveLevel=PATIENT",
      "-k",
      "PatientID",
      "-k",
      "PatientName",
      "-k",
      "NumberOfPatientRelatedInstances",
    ]);
    assert.equal(patients.length, 1);
    const patient = readDicom(readFileSync(patients[0])).dataSet;
    assert.equal(patient.getString("NumberOfPatientRelatedInstances"), String(SERIES_FILES.length));
    assert.equal(
      (await find(pacs.port, join(work, "st"), [
        "-S",
        "-k",
        "QueryRetrieveLevel=STUDY",
        "-k",
        "StudyInstanceUID",
      ])).length,
      1,
    );
    assert.equal(
      (await find(pacs.port, join(work, "se"), [
        "-S",
        "-k",
        "QueryRetrieveLevel=SERIES",
        "-k",
        `StudyInstanceUID=${STUDY}`,
        "-k",
        "SeriesInstanceUID",
        "-k",
        "Modality",
      ])).length,
      1,
    );
    const images = await find(pacs.port, join(work, "im"), [
      "-S",
      "-k",
      "QueryRetrieveLevel=IMAGE",
      "-k",
      `StudyInstanceUID=${STUDY}`,
      "-k",
      "SOPInstanceUID",
    ]);
    assert.equal(images.length, SERIES_FILES.length);

    const m = await runDcmtk("movescu", [
      "-aec",
      "PACS",
      "-aem",
      "STORESCP",
      "-S",
      "-k",
      "QueryRetrieveLevel=STUDY",
      "-k",
      `StudyInstanceUID=${STUDY}`,
      "127.0.0.1",
      port,
    ]);
    assert.equal(m.code, 0, m.output);
    assert.equal(dcmFiles(recv).length, SERIES_FILES.length, m.output);
    const unknown = await runDcmtk("movescu", [
      "-v",
      "-aec",
      "PACS",
      "-aem",
      "NOWHERE",
      "-S",
      "-k",
      "QueryRetrieveLevel=STUDY",
      "-k",
      `StudyInstanceUID=${STUDY}`,
      "127.0.0.1",
      port,
    ]);
    assert.match(unknown.output, /MoveDestinationUnknown|a801/i);

    const got = join(work, "got");
    mkdirSync(got);
    const g = await runDcmtk("getscu", [
      "-aec",
      "PACS",
      "-S",
      "-od",
      got,
      "-k",
      "QueryRetrieveLevel=STUDY",
      "-k",
      `StudyInstanceUID=${STUDY}`,
      "127.0.0.1",
      port,
    ]);
    assert.equal(g.code, 0, g.output);
    assert.equal(dcmFiles(got).length, SERIES_FILES.length, g.output);

    const wl = await find(pacs.port, join(work, "wl"), [
      "-W",
      "-k",
      "PatientID",
      "-k",
      "ScheduledProcedureStepSequence[0].Modality=CT",
    ]);
    assert.equal(wl.length, 1);
    assert.equal(readDicom(readFileSync(wl[0])).dataSet.getString("PatientID"), "W1");

    // Restart: the index comes back from the folder.
    await pacs.close();
    pacs = await start(store);
    assert.equal(pacs.index.size, SERIES_FILES.length);
    assert.deepEqual(pacs.loadProblems, []);
    const again = await find(pacs.port, join(work, "im2"), [
      "-S",
      "-k",
      "QueryRetrieveLevel=IMAGE",
      "-k",
      `StudyInstanceUID=${STUDY}`,
      "-k",
      "SOPInstanceUID",
    ]);
    assert.equal(again.length, SERIES_FILES.length);
  } finally {
    await storescp.stop();
    await pacs.close();
    rmSync(work, { recursive: true, force: true });
  }
});

Deno.test("DCMTK storescu sees the configured faults: rejection and a failure for the Nth C-STORE", async () => {
  if (!requirePeer("dcmdump")) return;
  const work = mkdtempSync(join(tmpdir(), "dicomsim-pacs-faults-"));
  const pacs = await start(work, {
    faults: [
      { type: "reject", callingAeTitle: "REJECTME", result: 1, source: 1, reason: 3 },
      { type: "status", command: "C-STORE-RQ", nth: 2, status: 0xa700 },
    ],
  });
  try {
    const port = String(pacs.port);
    const rejected = await runDcmtk("storescu", [
      "-aet",
      "REJECTME",
      "-aec",
      "PACS",
      "127.0.0.1",
      port,
      SERIES_FILES[0],
    ]);
    assert.notEqual(rejected.code, 0);
    assert.match(rejected.output, /Calling AE Title Not Recognized/i, rejected.output);
    const s = await runDcmtk("storescu", [
      "-v",
      "-aec",
      "PACS",
      "127.0.0.1",
      port,
      ...SERIES_FILES.slice(0, 3),
    ]);
    assert.match(s.output, /Refused: OutOfResources/, s.output);
    // storescu stops after a refused instance: the first is stored, the refused one is not.
    assert.equal(pacs.index.size, 1);
    assert.equal(dcmFiles(work).length, 1);
  } finally {
    await pacs.close();
    rmSync(work, { recursive: true, force: true });
  }
});

Deno.test("SIGKILL while storescu stores a series: every acknowledged instance is on disk and parses", async () => {
  if (!requirePeer("dcmdump")) return;
  const work = mkdtempSync(join(tmpdir(), "dicomsim-pacs-kill-"));
  const port = await freePort();
  const main = join(import.meta.dirname!, "..", "src", "cli", "main.ts");
  const cliArgs = ["pacs", "--port", String(port), "--store", work, "--aet", "PACS", "-q"];
  const child = spawn(
    process.execPath,
    process.versions.bun ? [main, ...cliArgs] : ["run", "-A", main, ...cliArgs],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout!.on("data", (d) => out += d);
  child.stderr!.on("data", (d) => out += d);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const deadline = Date.now() + 20_000;
    while (!out.includes("listening")) {
      assert.ok(Date.now() < deadline && child.exitCode === null, out);
      await new Promise((r) => setTimeout(r, 20));
    }
    const storing = runDcmtk("storescu", [
      "-v",
      "-aec",
      "PACS",
      "127.0.0.1",
      String(port),
      ...SERIES_FILES,
    ]);
    while (dcmFiles(work).length < 20 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2));
    }
    child.kill("SIGKILL");
    await exited;
    const s = await storing;
    // Pair each "Sending file" with the response that follows it.
    const acknowledged: string[] = [];
    let current = "";
    for (const line of s.output.split("\n")) {
      const sending = /Sending file: (.*)$/.exec(line);
      if (sending) current = sending[1].trim();
      if (/Received Store Response \(Success\)/.test(line)) acknowledged.push(current);
    }
    assert.ok(acknowledged.length >= 1, s.output);
    assert.ok(acknowledged.length < SERIES_FILES.length, "killed mid-series");
    const stored = new Map<string, string>();
    for (const file of readdirSync(work)) {
      if (file.startsWith(".")) continue;
      // Every file in the store parses.
      const ds = readDicom(readFileSync(join(work, file))).dataSet;
      stored.set(ds.getString("SOPInstanceUID")!, file);
    }
    for (const path of acknowledged) {
      const uid = readDicom(readFileSync(path), { stopBeforePixels: true }).dataSet.getString(
        "SOPInstanceUID",
      )!;
      assert.ok(stored.has(uid), `acknowledged ${path} is missing`);
    }
    // A restart rebuilds the index from what is there (and drops leftover temporary files).
    const pacs = await start(work);
    assert.equal(pacs.index.size, stored.size);
    assert.deepEqual(pacs.loadProblems, []);
    await pacs.close();
    assert.ok(readdirSync(work).every((f) => !f.endsWith(".part")));
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(work, { recursive: true, force: true });
  }
});

Deno.test("dicomsim pacs exits 0 on SIGTERM and names a bad configuration field", async () => {
  if (!requirePeer("dcmdump")) return;
  const work = mkdtempSync(join(tmpdir(), "dicomsim-pacs-cli-"));
  const main = join(import.meta.dirname!, "..", "src", "cli", "main.ts");
  const run = (cliArgs: string[]) => {
    const child = spawn(
      process.execPath,
      process.versions.bun ? [main, ...cliArgs] : ["run", "-A", main, ...cliArgs],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout!.on("data", (d) => out += d);
    child.stderr!.on("data", (d) => out += d);
    const code = new Promise<number | string | null>((resolve) =>
      child.once("exit", (c, s) => resolve(c ?? s))
    );
    return { child, output: () => out, code };
  };
  try {
    const config = join(work, "bad.json");
    writeFileSync(config, JSON.stringify({ destinations: { X: { host: "h", port: 0 } } }));
    const bad = run(["pacs", "--port", "0", "--store", join(work, "s"), "--config", config]);
    assert.equal(await bad.code, 1);
    assert.match(bad.output(), /destinations\.X\.port/);
    const port = await freePort();
    const good = run(["pacs", "--port", String(port), "--store", join(work, "s"), "--aet", "PACS"]);
    const deadline = Date.now() + 20_000;
    while (!good.output().includes("listening")) {
      assert.ok(Date.now() < deadline && good.child.exitCode === null, good.output());
      await new Promise((r) => setTimeout(r, 20));
    }
    const echo = await runDcmtk("echoscu", ["-aec", "PACS", "127.0.0.1", String(port)]);
    assert.equal(echo.code, 0, echo.output);
    // process.kill, not child.kill: Deno's child.kill reports the signal even when it is handled.
    process.kill(good.child.pid!, "SIGTERM");
    assert.equal(await good.code, 0, good.output());
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

Deno.test("DCMTK sees the per-SOP-class transfer syntax order, hierarchical queries and a refused C-GET role", async () => {
  if (!requirePeer("dcmdump")) return;
  const work = mkdtempSync(join(tmpdir(), "dicomsim-pacs-strict-"));
  const store = join(work, "store");
  const pacs = await start(
    store,
    parsePacsConfig({
      aeTitle: "PACS",
      queryMethod: "hierarchical",
      getScpRole: "refuse",
      sopClasses: {
        MRImageStorage: { transferSyntaxes: ["ImplicitVRLittleEndian", "ExplicitVRLittleEndian"] },
      },
    }),
  );
  try {
    const port = String(pacs.port);
    const files = SERIES_FILES.slice(0, 3);
    // storescu -xb proposes [Big Endian] and [Explicit LE, Implicit LE] for MR: our order for MR
    // (no Big Endian, Implicit first) leaves it the Implicit VR context, so it converts.
    const s = await runDcmtk("storescu", ["-xb", "-aec", "PACS", "127.0.0.1", port, ...files]);
    assert.equal(s.code, 0, s.output);
    const stored = dcmFiles(store);
    assert.equal(stored.length, 3);
    for (const file of stored) {
      assert.equal(readDicom(readFileSync(file)).transferSyntaxUid, "1.2.840.10008.1.2");
    }

    // Hierarchical: a SERIES query needs the Study Instance UID (PS3.4 C.4.1.2.1).
    const series = (keys: string[]) =>
      runDcmtk("findscu", [
        "-v",
        "-aec",
        "PACS",
        "-S",
        "-k",
        "QueryRetrieveLevel=SERIES",
        "-k",
        "SeriesInstanceUID",
        ...keys.flatMap((k) => ["-k", k]),
        "127.0.0.1",
        port,
      ]);
    const refused = await series(["Modality=MR"]);
    assert.match(refused.output, /Final Find Response \(Error: DataSetDoesNotMatchSOPClass\)/);
    // A non-unique key of the STUDY level is not matched there (only the unique key is).
    const ok = await series([`StudyInstanceUID=${STUDY}`, "StudyDate=19000101", "Modality=MR"]);
    assert.match(ok.output, /Final Find Response \(Success\)/, ok.output);
    assert.equal(ok.output.match(/Find Response: \d+ \(Pending\)/g)?.length, 1, ok.output);

    // The SCP role for the storage SOP classes was refused: no C-STORE on that association, every
    // sub-operation fails (0xA702, PS3.4 C.4.3.3).
    const got = join(work, "got");
    mkdirSync(got);
    const g = await runDcmtk("getscu", [
      "-v",
      "-aec",
      "PACS",
      "-S",
      "-od",
      got,
      "-k",
      "QueryRetrieveLevel=STUDY",
      "-k",
      `StudyInstanceUID=${STUDY}`,
      "127.0.0.1",
      port,
    ]);
    assert.match(g.output, /OutOfResourcesSubOperations/, g.output);
    assert.match(g.output, /Number of Failed Suboperations\s*: 3/, g.output);
    assert.equal(dcmFiles(got).length, 0);
    // Hierarchical retrieve (PS3.4 C.4.2.2.1): a SERIES-level C-GET needs the Study Instance UID.
    const seriesUid = readDicom(readFileSync(files[0]), { stopBeforePixels: true }).dataSet
      .getString("SeriesInstanceUID")!;
    const noStudy = await runDcmtk("getscu", [
      "-v",
      "-aec",
      "PACS",
      "-S",
      "-od",
      got,
      "-k",
      "QueryRetrieveLevel=SERIES",
      "-k",
      `SeriesInstanceUID=${seriesUid}`,
      "127.0.0.1",
      port,
    ]);
    assert.match(
      noStudy.output,
      /C-GET Response \(Error: DataSetDoesNotMatchSOPClass\)/,
      noStudy.output,
    );
  } finally {
    await pacs.close();
    rmSync(work, { recursive: true, force: true });
  }
});
