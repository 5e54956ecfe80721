import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { recordEchoTrace } from "./_recorded_echo.ts";
import {
  type CapturedPacket,
  CaptureFormatError,
  importCapture,
  readCapturePackets,
} from "./pcap_reader.ts";
import { writePcapng } from "./pcapng_writer.ts";
import type { TraceRecord } from "./trace_summary.ts";

/** A libpcap file of `packets` (Ethernet), in either byte order, with µs or ns stamps. */
function libpcap(packets: CapturedPacket[], little: boolean, nano: boolean): Uint8Array {
  const size = 24 + packets.reduce((n, p) => n + 16 + p.data.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, nano ? 0xa1b23c4d : 0xa1b2c3d4, little);
  v.setUint16(4, 2, little);
  v.setUint16(6, 4, little);
  v.setUint32(16, 65535, little);
  v.setUint32(20, 1, little);
  let at = 24;
  for (const p of packets) {
    const sec = Math.floor(p.ms / 1000);
    const frac = Math.round((p.ms - sec * 1000) * (nano ? 1e6 : 1e3));
    v.setUint32(at, sec, little);
    v.setUint32(at + 4, frac, little);
    v.setUint32(at + 8, p.data.length, little);
    v.setUint32(at + 12, p.data.length, little);
    out.set(p.data, at + 16);
    at += 16 + p.data.length;
  }
  return out;
}

function pdus(records: TraceRecord[]) {
  return records
    .filter((r) => r.kind === "pdu-sent" || r.kind === "pdu-received")
    .map((r) => [r.dir, r.raw]);
}

async function echoPackets() {
  const records = await recordEchoTrace();
  const { packets } = readCapturePackets(
    writePcapng(records, { epochMs: 1_700_000_000_000 }).bytes,
  );
  return { records, packets };
}

Deno.test("importCapture reads libpcap in both byte orders with micro- and nanosecond stamps", async () => {
  const { records, packets } = await echoPackets();
  for (const little of [true, false]) {
    for (const nano of [false, true]) {
      const file = libpcap(packets, little, nano);
      const read = readCapturePackets(file).packets;
      assert.equal(read.length, packets.length);
      assert.ok(Math.abs(read[5].ms - packets[5].ms) < 0.002);
      assert.deepEqual(pdus(importCapture(file).records), pdus(records));
    }
  }
});

Deno.test("importCapture reassembles out-of-order and retransmitted segments", async () => {
  const { records, packets } = await echoPackets();
  // Swap the two segments of the A-ASSOCIATE-RQ, retransmit the first one and a C-ECHO-RQ.
  const shuffled = [...packets];
  [shuffled[3], shuffled[4]] = [shuffled[4], shuffled[3]];
  shuffled.splice(6, 0, packets[3]);
  shuffled.splice(9, 0, packets[6]);
  const imported = importCapture(libpcap(shuffled, true, false));
  assert.deepEqual(pdus(imported.records), pdus(records));
  assert.equal(imported.records.filter((r) => r.kind === "error").length, 0);
});

Deno.test("importCapture reports a lost segment precisely and decodes the rest", async () => {
  const { packets } = await echoPackets();
  // Drop the second segment of the A-ASSOCIATE-RQ.
  const lossy = packets.filter((_, i) => i !== 4);
  const imported = importCapture(libpcap(lossy, true, false));
  const errors = imported.records.filter((r) => r.kind === "error").map((r) => r.error);
  assert.ok(
    errors.some((e) => /Missing \d+ bytes of the requestor stream at byte 1460/.test(String(e))),
  );
  const names = imported.records.filter((r) => r.kind.startsWith("pdu"))
    .map((r) => (r.pdu as { type: string }).type);
  // The acceptor side is intact; the requestor side resumes at the PDU after the gap.
  assert.deepEqual(names, [
    "A-ASSOCIATE-AC",
    "P-DATA-TF",
    "P-DATA-TF",
    "P-DATA-TF",
    "P-DATA-TF",
    "A-RELEASE-RQ",
    "A-RELEASE-RP",
  ]);
});

Deno.test("importCapture resynchronises on the next PDU after a gap inside a PDU", async () => {
  const { packets } = await echoPackets();
  // Drop the first segment of the A-ASSOCIATE-RQ: the stream resumes mid-PDU.
  const lossy = packets.filter((_, i) => i !== 3);
  const imported = importCapture(libpcap(lossy, true, false), { ports: [104] });
  const errors = imported.records.filter((r) => r.kind === "error").map((r) => r.error);
  assert.deepEqual(errors, [
    "Missing 1460 bytes of the requestor stream at byte 0",
    "Skipped 1239 bytes of the requestor stream at byte 1460 after missing bytes",
  ]);
  assert.equal(imported.records.filter((r) => r.kind.startsWith("pdu")).length, 7);
});

Deno.test("importCapture finds DICOM by port when the capture starts mid-association", async () => {
  const { packets } = await echoPackets();
  // Start after the association negotiation: no A-ASSOCIATE-RQ to recognise.
  const late = packets.slice(6);
  assert.equal(importCapture(libpcap(late, true, false)).connections, 0);
  const imported = importCapture(libpcap(late, true, false), { ports: [104] });
  assert.equal(imported.connections, 1);
  const names = imported.records.filter((r) => r.kind.startsWith("pdu"))
    .map((r) => (r.pdu as { type: string }).type);
  assert.deepEqual(names, [
    "P-DATA-TF",
    "P-DATA-TF",
    "P-DATA-TF",
    "P-DATA-TF",
    "A-RELEASE-RQ",
    "A-RELEASE-RP",
  ]);
});

Deno.test("importCapture stops at a truncated capture and keeps what came before", async () => {
  const { packets } = await echoPackets();
  const file = libpcap(packets, true, false);
  const cut = file.subarray(0, file.length - 30);
  const imported = importCapture(cut);
  assert.equal(typeof imported.truncatedAt, "number");
  assert.equal(imported.connections, 1);
  assert.ok(imported.records.some((r) => (r.pdu as { type?: string })?.type === "A-RELEASE-RQ"));
});

Deno.test("importCapture reads Linux cooked captures and ignores non-DICOM streams", async () => {
  const { records, packets } = await echoPackets();
  const sll = (ethernet: Uint8Array) => {
    const data = new Uint8Array(16 + ethernet.length - 14);
    data[14] = 0x08; // protocol 0x0800
    data.set(ethernet.subarray(14), 16);
    return data;
  };
  // An HTTP-like stream on another port, never mistaken for DICOM.
  const other = packets[4].data.slice();
  other.set(new TextEncoder().encode("GET / HTTP/1.1\r\n"), 54);
  new DataView(other.buffer).setUint16(36, 8080);
  const all = [...packets.map((p) => sll(p.data)), sll(other)];
  const file = new Uint8Array(24 + all.reduce((n, d) => n + 16 + d.length, 0));
  const v = new DataView(file.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint32(20, 113, true);
  let at = 24;
  for (const d of all) {
    v.setUint32(at + 8, d.length, true);
    v.setUint32(at + 12, d.length, true);
    file.set(d, at + 16);
    at += 16 + d.length;
  }
  const imported = importCapture(file);
  assert.equal(imported.connections, 1);
  assert.deepEqual(pdus(imported.records), pdus(records));
});

Deno.test("readCapturePackets rejects a file that is not a capture", () => {
  assert.throws(
    () => readCapturePackets(new TextEncoder().encode("hello, this is text")),
    (e: unknown) => e instanceof CaptureFormatError && /Not a libpcap or pcapng/.test(e.message),
  );
});

Deno.test("importCapture decodes a real echoscu/storescp capture taken with tshark", () => {
  const file = readFileSync(
    new URL("../../fixtures/captures/echoscu_storescp_lo.pcap", import.meta.url),
  );
  const imported = importCapture(file);
  assert.equal(imported.connections, 1);
  const pduRecords = imported.records.filter((r) => r.kind.startsWith("pdu"));
  assert.deepEqual(pduRecords.map((r) => [r.dir, (r.pdu as { type: string }).type]), [
    ["out", "A-ASSOCIATE-RQ"],
    ["in", "A-ASSOCIATE-AC"],
    ["out", "P-DATA-TF"],
    ["in", "P-DATA-TF"],
    ["out", "A-RELEASE-RQ"],
    ["in", "A-RELEASE-RP"],
  ]);
  const rq = pduRecords[0].pdu as { callingAeTitle: string; calledAeTitle: string };
  assert.equal(rq.callingAeTitle.trim(), "MODALITY");
  assert.equal(rq.calledAeTitle.trim(), "PACS");
  assert.equal(pduRecords[0].remote, "127.0.0.1:11198");
  assert.equal(imported.records.at(-1)!.reason, "released");
  // Exported and imported again: the same PDUs.
  const again = importCapture(writePcapng(imported.records, { epochMs: 0 }).bytes);
  const raw = (rs: TraceRecord[]) => rs.filter((r) => r.raw).map((r) => [r.dir, r.raw]);
  assert.deepEqual(raw(again.records), raw(imported.records));
});

Deno.test("importCapture tells two connections on the same ports apart", async () => {
  const { packets } = await echoPackets();
  const twice = [...packets, ...packets.map((p) => ({ ...p, ms: p.ms + 1000 }))];
  const imported = importCapture(libpcap(twice, true, false));
  assert.equal(imported.connections, 2);
  assert.equal(imported.records.filter((r) => r.kind === "error").length, 0);
  assert.equal(imported.records.filter((r) => r.conn === "pcap-2" && r.raw).length, 8);
});
