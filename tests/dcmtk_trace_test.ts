/**
 * Issue 7's round trip with real peers: DCMTK storescu -> our proxy (recording) -> DCMTK
 * storescp; the recording exported to pcapng and dissected by tshark; re-imported to the same
 * PDUs; served back so that storescu succeeds against it; replayed against storescp with no
 * differences. Skipped locally without DCMTK/tshark, failed under CI=true.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulateScanner } from "../src/sim/modality/ct_scanner.ts";
import { startPacs } from "../src/sim/pacs/pacs_node.ts";
import { startProxy } from "../src/sim/proxy/dicom_proxy.ts";
import { readConversations } from "../src/trace/conversation.ts";
import { JsonlTrace } from "../src/trace/jsonl_trace.ts";
import { importCapture } from "../src/trace/pcap_reader.ts";
import { writePcapng } from "../src/trace/pcapng_writer.ts";
import { replayConversations } from "../src/trace/replay.ts";
import { serveConversations } from "../src/trace/serve.ts";
import { parseTrace } from "../src/trace/trace_summary.ts";
import { freePort, runDcmtk, startDcmtkServer } from "./_dcmtk.ts";
import { fixture } from "./_fixtures.ts";
import { requirePeer } from "./_peers.ts";

const SERIES = fixture("pacsman-series/dicomseries");

function seriesFiles(n: number): string[] {
  return readdirSync(SERIES).filter((f) => f.endsWith(".dcm")).sort().slice(0, n)
    .map((f) => join(SERIES, f));
}

Deno.test("DCMTK storescu -> proxy -> storescp: recorded, exported, re-imported, served, replayed", async () => {
  if (!requirePeer("dcmdump") || !requirePeer("tshark")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-proxy-"));
  const files = seriesFiles(6);
  const scpPort = await freePort();
  const storescp = await startDcmtkServer(
    "storescp",
    ["-aet", "STORESCP", "-od", dir, String(scpPort)],
    scpPort,
  );
  const lines: string[] = [];
  let ended = 0;
  const proxy = await startProxy({
    target: { host: "127.0.0.1", port: scpPort },
    trace: new JsonlTrace((line) => lines.push(line)),
    onConnectionEnd: () => ended++,
  });
  try {
    // 1. Record: storescu through the proxy.
    const sent = await runDcmtk("storescu", [
      "-aet",
      "STORESCU",
      "-aec",
      "STORESCP",
      "127.0.0.1",
      String(proxy.port),
      ...files,
    ]);
    assert.equal(sent.code, 0, sent.output);
    for (let i = 0; i < 100 && ended === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const received = readdirSync(dir).filter((f) => !f.endsWith(".pcapng"));
    assert.equal(received.length, files.length);
    const records = parseTrace(lines.join(""));
    const recorded = readConversations(records);
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0].end, "released");
    assert.deepEqual(recorded[0].problems, []);
    const stores = recorded[0].messages.filter((m) => m.message.type === "C-STORE-RQ");
    assert.equal(stores.length, files.length);
    // What storescp wrote is what went through, data set for data set.
    const firstStored = readFileSync(join(dir, received.sort()[0]));
    assert.ok(stores.some((m) => endsWith(firstStored, m.dataSet!)));

    // 2. Export to pcapng: tshark dissects it as DICOM, nothing malformed.
    const pcap = writePcapng(records, { epochMs: 1_700_000_000_000 });
    const pcapFile = join(dir, "proxy.pcapng");
    writeFileSync(pcapFile, pcap.bytes);
    const base = ["-r", pcapFile, "-d", `tcp.port==${scpPort},dicom`];
    const dissected = tshark([...base, "-Y", "dicom"]);
    assert.match(dissected, /A-ASSOCIATE request STORESCU --> STORESCP/);
    assert.equal((dissected.match(/C-STORE-RSP/g) ?? []).length >= files.length, true);
    const bad = tshark([...base, "-Y", "_ws.malformed || _ws.expert.severity >= warning"]);
    assert.equal(bad.trim(), "");

    // 3. Re-import: the same PDUs, byte for byte.
    const imported = readConversations(importCapture(pcap.bytes).records);
    assert.equal(imported.length, 1);
    assert.deepEqual(
      imported[0].pdus.map((p) => [p.from, p.raw]),
      recorded[0].pdus.map((p) => [p.from, p.raw]),
    );

    // 4. Serve: storescu succeeds against the recording.
    const served = await serveConversations(recorded);
    try {
      const again = await runDcmtk("storescu", [
        "-aet",
        "STORESCU",
        "-aec",
        "STORESCP",
        "127.0.0.1",
        String(served.port),
        ...files,
      ]);
      assert.equal(again.code, 0, again.output);
      assert.doesNotMatch(again.output, /Store Failed|E: /);
    } finally {
      await served.close();
    }

    // 5. Replay against storescp: no differences.
    const [replayed] = await replayConversations(recorded, {
      host: "127.0.0.1",
      port: scpPort,
      responseTimeoutMs: 10_000,
    });
    assert.equal(replayed.stopped, undefined);
    assert.deepEqual(replayed.differences, []);
  } finally {
    await proxy.close();
    await storescp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

function endsWith(file: Uint8Array, tail: Uint8Array): boolean {
  if (tail.length > file.length) return false;
  const off = file.length - tail.length;
  for (let i = 0; i < tail.length; i++) if (file[off + i] !== tail[i]) return false;
  return true;
}

function tshark(args: string[]): string {
  const r = spawnSync("tshark", args, { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

Deno.test("DCMTK findscu: recorded through the proxy in front of the mock PACS, then served back with the same matches", async () => {
  if (!requirePeer("dcmdump")) return;
  const pacs = await startPacs({ aeTitle: "PACS", host: "127.0.0.1", port: 0 });
  const lines: string[] = [];
  const proxy = await startProxy({
    target: { host: "127.0.0.1", port: pacs.port },
    trace: new JsonlTrace((line) => lines.push(line)),
  });
  const find = (port: number) =>
    runDcmtk("findscu", [
      "-S",
      "-aec",
      "PACS",
      "-k",
      "QueryRetrieveLevel=IMAGE",
      "-k",
      "SOPInstanceUID",
      "-k",
      "InstanceNumber",
      "127.0.0.1",
      String(port),
    ]);
  const matches = (output: string) =>
    [...output.matchAll(/\(0008,0018\) UI \[([0-9.]+)/g)].map((m) => m[1]).sort();
  try {
    const stored = await simulateScanner({
      slices: 3,
      matrix: 32,
      seed: 7,
      host: "127.0.0.1",
      port: pacs.port,
      calledAeTitle: "PACS",
    });
    assert.equal(stored.stored, 3);
    const recorded = await find(proxy.port);
    assert.equal(recorded.code, 0, recorded.output);
    assert.equal(matches(recorded.output).length, 3);
    for (let i = 0; i < 100 && !lines.some((l) => l.includes('"closed"')); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const served = await serveConversations(readConversations(parseTrace(lines.join(""))));
    try {
      const again = await find(served.port);
      assert.equal(again.code, 0, again.output);
      assert.deepEqual(matches(again.output), matches(recorded.output));
    } finally {
      await served.close();
    }
  } finally {
    await proxy.close();
    await pacs.close();
  }
});
