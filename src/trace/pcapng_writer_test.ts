import assert from "node:assert/strict";
import { recordEchoTrace } from "./_recorded_echo.ts";
import { importCapture, readCapturePackets } from "./pcap_reader.ts";
import { MAX_SEGMENT_PAYLOAD, writePcapng } from "./pcapng_writer.ts";
import type { TraceRecord } from "./trace_summary.ts";

function pdus(records: TraceRecord[]) {
  return records
    .filter((r) => r.kind === "pdu-sent" || r.kind === "pdu-received")
    .map((r) => ({ dir: r.dir, raw: r.raw, pdu: r.pdu, length: r.length }));
}

/** The IPv4 and TCP checksums of a frame sum to 0xffff when correct (RFC 1071). */
function sums(frame: Uint8Array): [number, number] {
  const add = (parts: Uint8Array[]) => {
    let s = 0;
    for (const b of parts) {
      for (let i = 0; i < b.length; i += 2) s += (b[i] << 8) | (b[i + 1] ?? 0);
    }
    while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
    return s;
  };
  const ip = frame.subarray(14, 34);
  const tcp = frame.subarray(34);
  const pseudo = new Uint8Array(12);
  pseudo.set(ip.subarray(12, 20), 0);
  pseudo[9] = 6;
  new DataView(pseudo.buffer).setUint16(10, tcp.length);
  return [add([ip]), add([pseudo, tcp])];
}

Deno.test("a recorded association exports to pcapng and imports back to the same PDUs", async () => {
  const records = await recordEchoTrace();
  assert.ok(records.some((r) => typeof r.raw === "string"));
  const exported = writePcapng(records, { epochMs: 1_700_000_000_000 });
  assert.equal(exported.connections, 1);
  assert.equal(exported.skipped, 0);
  const imported = importCapture(exported.bytes);
  assert.equal(imported.connections, 1);
  assert.deepEqual(pdus(imported.records), pdus(records));
  assert.equal(imported.records.filter((r) => r.kind === "error").length, 0);
  assert.deepEqual(imported.records.at(-1), {
    v: 1,
    t: imported.records.at(-1)!.t,
    conn: "pcap-1",
    kind: "closed",
    reason: "released",
  });
  assert.equal(imported.records[0].local, "127.0.0.2:49152");
  assert.equal(imported.records[0].remote, "127.0.0.1:104");
});

Deno.test("writePcapng frames have correct checksums, MSS-sized segments and timestamps", async () => {
  const records = await recordEchoTrace();
  const { bytes } = writePcapng(records, { epochMs: 1_700_000_000_000 });
  const { packets } = readCapturePackets(bytes);
  assert.ok(packets.length > 10);
  for (const p of packets) {
    assert.deepEqual(sums(p.data), [0xffff, 0xffff]);
    assert.ok(p.data.length - 54 <= MAX_SEGMENT_PAYLOAD + 4);
  }
  // The A-ASSOCIATE-RQ with 31 contexts needs more than one segment.
  assert.ok(packets.some((p) => p.data.length === 54 + MAX_SEGMENT_PAYLOAD));
  // The first packet (a SYN) is stamped with the first PDU's time, to the microsecond.
  const firstPdu = records.filter((r) => r.kind.startsWith("pdu-") && r.raw !== undefined)
    .reduce((a, b) => (b.t < a.t ? b : a));
  const expectedUs = Math.round((1_700_000_000_000 + firstPdu.t) * 1000);
  assert.equal(Math.round(packets[0].ms * 1000), expectedUs);
  // SYN, SYN-ACK, ACK first; FIN-ACK, FIN-ACK, ACK last.
  assert.deepEqual(packets.slice(0, 3).map((p) => p.data[47]), [0x02, 0x12, 0x10]);
  assert.deepEqual(packets.slice(-3).map((p) => p.data[47]), [0x11, 0x11, 0x10]);
});

Deno.test("writePcapng uses IPv4 endpoints from the trace and skips records without raw bytes", () => {
  const raw = "BQAAAAAEAAAAAA=="; // A-RELEASE-RQ
  const records: TraceRecord[] = [
    {
      v: 1,
      t: 0,
      conn: "tcp-1",
      kind: "pdu-sent",
      dir: "out",
      pdu: { type: "A-RELEASE-RQ" },
      raw,
      local: "10.1.2.3:40000",
      remote: "10.1.2.4:11112",
    },
    { v: 1, t: 1, conn: "tcp-1", kind: "pdu-received", dir: "in", pdu: { type: "A-RELEASE-RP" } },
  ];
  const out = writePcapng(records, { epochMs: 0 });
  assert.equal(out.pdus, 1);
  assert.equal(out.skipped, 1);
  assert.equal(out.serverPorts.get("tcp-1"), 11112);
  const imported = importCapture(out.bytes, { ports: [11112] });
  assert.equal(imported.records[0].local, "10.1.2.3:40000");
  assert.equal(imported.records[0].remote, "10.1.2.4:11112");
  assert.equal(imported.records[0].raw, raw);
});

Deno.test("writePcapng of an empty trace is a valid empty capture", () => {
  const { bytes } = writePcapng([]);
  assert.equal(bytes.length, 60);
  assert.deepEqual(readCapturePackets(bytes).packets, []);
});

Deno.test("writePcapng: IPv6 endpoints give an IPv6 capture that imports back with its addresses", async () => {
  const records = (await recordEchoTrace()).map((r) =>
    r.local ? { ...r, local: "[fd00::2]:50123", remote: "[fd00::1]:11112" } : r
  );
  const exported = writePcapng(records, { epochMs: 1_700_000_000_000 });
  assert.equal(exported.serverPorts.get(records[0].conn), 11112);
  const back = importCapture(exported.bytes);
  assert.equal(back.connections, 1);
  const raw = (rs: typeof records) => rs.filter((r) => r.raw).map((r) => [r.dir, r.raw]);
  assert.deepEqual(raw(back.records), raw(records));
  const first = back.records.find((r) => r.local !== undefined);
  assert.equal(first?.local, "[fd00::2]:50123");
  assert.equal(first?.remote, "[fd00::1]:11112");
});
