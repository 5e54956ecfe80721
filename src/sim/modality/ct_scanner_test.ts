import assert from "node:assert/strict";
import { readDicom } from "../../codec/read_file.ts";
import { acceptAssociation } from "../../net/association/accept_association.ts";
import { createMemoryPair } from "../../net/transport/memory.ts";
import { listenTcp } from "../../net/transport/tcp.ts";
import { startPacs } from "../pacs/pacs_node.ts";
import { type InstanceStore, MemoryInstanceStore, storageScp } from "../../services/storage_scp.ts";
import {
  formatScannerSummary,
  percentiles,
  simulateCtScanner,
  simulateScanner,
} from "./ct_scanner.ts";
import { US_MULTIFRAME_IMAGE_STORAGE } from "./us_cine.ts";
import { mockRis } from "./_mock_ris.ts";
import { ctSeries } from "./ct_series.ts";

/** A `connect` that accepts each association with a storage SCP on a memory pair. */
function memoryPeer(store: InstanceStore, aeTitle = "PACS") {
  let associations = 0;
  const connect = () => {
    const [client, server] = createMemoryPair();
    associations++;
    acceptAssociation(server, { aeTitle, ...storageScp({ store }) }).catch(() => {});
    return client;
  };
  return { connect, count: () => associations };
}

const SMALL = { slices: 5, matrix: 32, seed: 9, calledAeTitle: "PACS" } as const;

Deno.test("simulateCtScanner stores the whole series on one association, as generated", async () => {
  const store = new MemoryInstanceStore();
  const peer = memoryPeer(store);
  const summary = await simulateCtScanner({ ...SMALL, connect: peer.connect });
  assert.equal(summary.stored, 5);
  assert.equal(summary.failed, 0);
  assert.equal(summary.associations, 1);
  assert.equal(store.files.size, 5);
  const series = ctSeries(SMALL);
  const received = readDicom(store.files.get(series.sopInstanceUid(3))!).dataSet;
  assert.deepEqual(received.getBytes("PixelData"), series.slice(3).getBytes("PixelData"));
  assert.equal(summary.studyInstanceUids[0], series.studyInstanceUid);
  assert.ok(summary.bytes > 5 * 32 * 32 * 2);
  assert.ok(summary.storeLatency.p50 >= 0 && summary.storeLatency.p99 >= summary.storeLatency.p50);
  assert.match(formatScannerSummary(summary), /^Sent 5 of 5 images in 1 study, 0 failed/);
});

Deno.test("simulateCtScanner opens one association per image and runs studies in parallel", async () => {
  const store = new MemoryInstanceStore();
  const peer = memoryPeer(store);
  const perImage = await simulateCtScanner({
    ...SMALL,
    connect: peer.connect,
    associationPerImage: true,
  });
  assert.equal(perImage.associations, 5);
  const many = await simulateCtScanner({
    ...SMALL,
    connect: peer.connect,
    count: 3,
    concurrency: 2,
  });
  assert.equal(many.stored, 15);
  assert.equal(new Set(many.studyInstanceUids).size, 3);
  assert.equal(store.files.size, 5 + 10); // the first study is the same as the earlier run
});

Deno.test("simulateCtScanner paces images at the given rate", async () => {
  const peer = memoryPeer(new MemoryInstanceStore());
  const summary = await simulateCtScanner({ ...SMALL, slices: 4, rate: 40, connect: peer.connect });
  assert.equal(summary.stored, 4);
  assert.ok(summary.elapsedMs >= 70, `took ${summary.elapsedMs} ms`); // 3 gaps of 25 ms
});

Deno.test("simulateCtScanner fault: abort after image K fails the rest", async () => {
  const store = new MemoryInstanceStore();
  const peer = memoryPeer(store);
  const summary = await simulateCtScanner({
    ...SMALL,
    connect: peer.connect,
    faults: { abortAfter: 2 },
  });
  assert.equal(summary.stored, 2);
  assert.equal(summary.failed, 3);
  assert.match(summary.results[4].message!, /aborted by fault/);
});

Deno.test("simulateCtScanner fault: a wrong called AE title is rejected and every image fails", async () => {
  const peer = memoryPeer(new MemoryInstanceStore());
  const summary = await simulateCtScanner({
    ...SMALL,
    slices: 2,
    connect: peer.connect,
    faults: { wrongCalledAeTitle: "WRONG" },
  });
  assert.equal(summary.stored, 0);
  assert.equal(summary.failed, 2);
  assert.match(summary.results[0].message!, /Cannot associate/);
  assert.match(formatScannerSummary(summary), /Failed: study 1 image 1: Cannot associate/);
});

Deno.test("simulateCtScanner retries a refused image with backoff", async () => {
  const memory = new MemoryInstanceStore();
  let refusals = 1;
  const flaky: InstanceStore = {
    begin(instance) {
      if (refusals-- > 0) throw new Error("Disk full");
      return memory.begin(instance);
    },
  };
  const peer = memoryPeer(flaky);
  const summary = await simulateCtScanner({
    ...SMALL,
    slices: 3,
    connect: peer.connect,
    retries: 2,
    retryDelayMs: 1,
  });
  assert.equal(summary.stored, 3);
  assert.equal(summary.retries, 1);
  assert.equal(summary.results[0].attempts, 2);
  assert.equal(memory.files.size, 3);
});

Deno.test("percentiles uses the nearest rank", () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.deepEqual(percentiles(values), { p50: 50, p95: 95, p99: 99, max: 100 });
  assert.deepEqual(percentiles([]), { p50: 0, p95: 0, p99: 0, max: 0 });
});

Deno.test("simulateCtScanner runs worklist, MPPS and storage commitment around the series", async () => {
  const store = new MemoryInstanceStore();
  const peer = memoryPeer(store);
  const ris = mockRis();
  const summary = await simulateCtScanner({
    ...SMALL,
    slices: 3,
    connect: peer.connect,
    worklist: { connect: ris.connect, calledAeTitle: "RIS" },
    mpps: { connect: ris.connect, calledAeTitle: "RIS" },
    commitment: { connect: ris.connect, calledAeTitle: "RIS", timeoutMs: 5000 },
  });
  assert.equal(summary.stored, 3);
  assert.equal(summary.studyInstanceUids[0], "1.2.3.4.5");
  const [workflow] = summary.workflow;
  assert.deepEqual(workflow.errors, []);
  assert.equal(workflow.worklistItems, 1);
  assert.equal(workflow.mppsStatus, "COMPLETED");
  assert.equal(workflow.commitment?.committed.length, 3);
  const mpps = ris.mpps.get(workflow.mppsUid!)!;
  assert.equal(mpps.getString("PerformedProcedureStepStatus"), "COMPLETED");
  const stored = readDicom([...store.files.values()][0]).dataSet;
  assert.equal(stored.getString("PatientName"), "DOE^JANE");
  assert.equal(stored.getString("AccessionNumber"), "ACC1");
  assert.match(formatScannerSummary(summary), /MPPS COMPLETED, committed 3, not committed 0/);
});

Deno.test("simulateCtScanner discontinues the MPPS when images fail and records workflow errors", async () => {
  const peer = memoryPeer(new MemoryInstanceStore());
  const ris = mockRis({ items: [] });
  const summary = await simulateCtScanner({
    ...SMALL,
    slices: 3,
    connect: peer.connect,
    faults: { abortAfter: 1 },
    worklist: { connect: ris.connect, calledAeTitle: "RIS" },
    mpps: { connect: ris.connect, calledAeTitle: "RIS" },
    commitment: { connect: ris.connect, calledAeTitle: "WRONG" },
  });
  const [workflow] = summary.workflow;
  assert.equal(workflow.worklistItems, 0);
  assert.equal(workflow.mppsStatus, "DISCONTINUED");
  assert.equal(workflow.errors.length, 2, workflow.errors.join("; "));
  assert.match(workflow.errors[0], /no scheduled item/);
  assert.match(workflow.errors[1], /^Storage commitment: /);
  const performed = ris.mpps.get(workflow.mppsUid!)!.getItems("PerformedSeriesSequence")[0];
  assert.equal(performed.getItems("ReferencedImageSequence").length, 1);
});

Deno.test("simulateScanner sends a DX image and a US cine loop like the CT series", async () => {
  const store = new MemoryInstanceStore();
  const peer = memoryPeer(store);
  const dx = await simulateScanner({ ...SMALL, modality: "dx", connect: peer.connect });
  assert.equal(dx.stored, 1);
  const us = await simulateScanner({
    ...SMALL,
    modality: "us",
    frames: 2,
    rows: 32,
    columns: 48,
    connect: peer.connect,
  });
  assert.equal(us.stored, 1);
  const modalities = [...store.files.values()].map((f) =>
    readDicom(f).dataSet.getString("Modality")
  );
  assert.deepEqual(modalities.sort(), ["DX", "US"]);
  assert.equal(us.results[0].sopClassUid, US_MULTIFRAME_IMAGE_STORAGE);
});

Deno.test("simulateScanner proposes one context per SOP class or one per transfer syntax", async () => {
  for (const [layout, expected] of [["per-sop-class", 1], ["per-syntax", 2]] as const) {
    const proposed: number[] = [];
    const peer = memoryPeer(new MemoryInstanceStore());
    const summary = await simulateScanner({
      ...SMALL,
      slices: 1,
      connect: peer.connect,
      contextLayout: layout,
      onEvent: (event) => {
        if (event.type === "pdu-sent" && event.pdu.type === "A-ASSOCIATE-RQ") {
          proposed.push(event.pdu.presentationContexts.length);
        }
      },
    });
    assert.equal(summary.stored, 1);
    assert.deepEqual(proposed, [expected], layout);
  }
});

Deno.test("simulateScanner fault: drop mid-PDU fails one image, the rest go on a new association", async () => {
  const store = new MemoryInstanceStore();
  const peer = memoryPeer(store);
  const summary = await simulateScanner({
    ...SMALL,
    connect: peer.connect,
    faults: { dropAfter: 2 },
  });
  assert.equal(summary.failed, 1, formatScannerSummary(summary));
  assert.match(summary.results[2].message!, /dropped mid-PDU/);
  assert.equal(summary.stored, 4);
  assert.equal(summary.associations, 2);
  assert.equal(store.files.size, 4);
});

Deno.test("simulateScanner fault: stall pauses sending and reading, then carries on", async () => {
  const peer = memoryPeer(new MemoryInstanceStore());
  const summary = await simulateScanner({
    ...SMALL,
    slices: 3,
    connect: peer.connect,
    faults: { stall: { after: 1, ms: 60 } },
  });
  assert.equal(summary.stored, 3);
  assert.ok(summary.elapsedMs >= 55, `took ${summary.elapsedMs} ms`);
});

Deno.test("simulateScanner fault: an unsupported SOP class is refused and reported", async () => {
  const peer = memoryPeer(new MemoryInstanceStore());
  const summary = await simulateScanner({
    ...SMALL,
    slices: 2,
    connect: peer.connect,
    faults: { unsupportedSopClass: "1.2.3.4.5.6.7" },
  });
  assert.equal(summary.stored, 2);
  assert.equal(summary.failed, 1);
  assert.match(summary.results[2].message!, /No presentation context accepted for SOP class/);
  assert.match(formatScannerSummary(summary), /Failed: study 1 extra image \(unsupported SOP/);
});

Deno.test("simulateScanner: storage commitment reported on a separate association (PS3.4 J.3.3)", async () => {
  // A free port for the scanner's report listener, known to the PACS before it starts.
  const probe = await listenTcp({ port: 0 }, () => {});
  const port = probe.port;
  await probe.close();
  const pacs = await startPacs({
    aeTitle: "PACS",
    host: "127.0.0.1",
    port: 0,
    storageCommitment: { report: "new", delayMs: 0, failInstances: [] },
    destinations: { CTSIM: { host: "127.0.0.1", port } },
  });
  try {
    const summary = await simulateScanner({
      ...SMALL,
      slices: 3,
      host: "127.0.0.1",
      port: pacs.port,
      callingAeTitle: "CTSIM",
      commitment: { host: "127.0.0.1", port: pacs.port, timeoutMs: 5000, listen: { port } },
    });
    assert.equal(summary.stored, 3);
    const [workflow] = summary.workflow;
    assert.deepEqual(workflow.errors, []);
    assert.equal(workflow.commitment?.committed.length, 3);
    // The PACS marks the report done after its association is released.
    for (let i = 0; i < 100 && pacs.commitments[0].reported === undefined; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(pacs.commitments[0].reported, true);
  } finally {
    await pacs.close();
  }
});
