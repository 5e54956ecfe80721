/**
 * Our pcapng export dissected by tshark (Wireshark's DICOM dissector): every PDU named, no
 * malformed packets, no bad checksums. Skipped locally without tshark, failed under CI=true.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordEchoTrace } from "../src/trace/_recorded_echo.ts";
import { writePcapng } from "../src/trace/pcapng_writer.ts";
import { requirePeer } from "./_peers.ts";

function tshark(args: string[]): string {
  const r = spawnSync("tshark", args, { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

Deno.test("tshark dissects an exported echo association as DICOM without malformed packets", async () => {
  if (!requirePeer("tshark")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-pcap-"));
  try {
    const exported = writePcapng(await recordEchoTrace(), { epochMs: 1_700_000_000_000 });
    const port = exported.serverPorts.get([...exported.serverPorts.keys()][0])!;
    const file = join(dir, "echo.pcapng");
    writeFileSync(file, exported.bytes);
    const base = ["-r", file, "-d", `tcp.port==${port},dicom`];
    // PS3.8 9.3.1: PDU types 01H A-ASSOCIATE-RQ, 02H -AC, 04H P-DATA-TF, 05H/06H A-RELEASE.
    const types = tshark([...base, "-Y", "dicom", "-T", "fields", "-e", "dicom.pdu.type"])
      .trim().split("\n").map((line) => line.split(",").map(Number));
    assert.deepEqual(types, [[1], [2], [4], [4], [4], [4], [5], [6]]);
    const summary = tshark([...base, "-Y", "dicom"]);
    assert.match(summary, /A-ASSOCIATE request SCU --> SCP/);
    assert.match(summary, /C-ECHO-RQ ID=1/);
    assert.match(summary, /C-ECHO-RSP ID=2 \(Success\)/);
    assert.match(summary, /A-RELEASE response/);
    const bad = tshark([
      ...base,
      "-o",
      "tcp.check_checksum:TRUE",
      "-o",
      "ip.check_checksum:TRUE",
      "-Y",
      "_ws.malformed || _ws.expert.severity >= warning || tcp.checksum.status != 1 || ip.checksum.status != 1",
    ]);
    assert.equal(bad.trim(), "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("tshark dissects an IPv6 export as DICOM with good checksums", async () => {
  if (!requirePeer("tshark")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-pcap6-"));
  try {
    const records = (await recordEchoTrace()).map((r) =>
      r.local ? { ...r, local: "[fd00::2]:50123", remote: "[fd00::1]:11112" } : r
    );
    const file = join(dir, "echo6.pcapng");
    writeFileSync(file, writePcapng(records, { epochMs: 1_700_000_000_000 }).bytes);
    const base = ["-r", file, "-d", "tcp.port==11112,dicom"];
    const summary = tshark([...base, "-Y", "dicom && ipv6.src == fd00::2"]);
    assert.match(summary, /C-ECHO-RQ ID=1/);
    const bad = tshark([
      ...base,
      "-o",
      "tcp.check_checksum:TRUE",
      "-Y",
      "_ws.malformed || _ws.expert.severity >= warning || tcp.checksum.status != 1",
    ]);
    assert.equal(bad.trim(), "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
