/**
 * Trace records to a pcapng capture that Wireshark and tshark open with their DICOM
 * dissector: each connection becomes a synthetic Ethernet/IPv4/TCP stream (3-way handshake,
 * sequence and acknowledgement numbers for both directions, segments of at most 1460 bytes,
 * FIN at the end), one Enhanced Packet Block per segment with microsecond timestamps.
 * @module
 */
import { decodeBase64 } from "../codec/base64.ts";
import type { TraceRecord } from "./trace_summary.ts";

/** Largest TCP payload per segment: an Ethernet MTU of 1500 minus IPv4 and TCP headers. */
export const MAX_SEGMENT_PAYLOAD = 1460;

/** The TCP port a made-up acceptor address gets. */
const DEFAULT_SCP_PORT = 104;

/** Options of `writePcapng`. */
export interface WritePcapngOptions {
  /** Wall-clock time (ms since the epoch) of trace time 0. Default: 0 when the trace times
   * already look like epoch milliseconds, else the time of the export. */
  epochMs?: number;
}

/** What `writePcapng` wrote. */
export interface PcapngExport {
  /** The pcapng file. */
  bytes: Uint8Array;
  /** Number of TCP connections. */
  connections: number;
  /** Number of PDUs written. */
  pdus: number;
  /** PDU records left out because they carry no `raw` bytes. */
  skipped: number;
  /** The acceptor (server) port of each connection, by connection id. */
  serverPorts: Map<string, number>;
}

interface Endpoint {
  ip: [number, number, number, number];
  port: number;
}

function parseEndpoint(text: unknown): Endpoint | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const ip = [1, 2, 3, 4].map((i) => Number(m[i]));
  const port = Number(m[5]);
  if (ip.some((b) => b > 255) || port > 65535) return undefined;
  return { ip: ip as Endpoint["ip"], port };
}

function parsePort(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = /:(\d{1,5})$/.exec(text);
  const port = m ? Number(m[1]) : NaN;
  return port > 0 && port <= 65535 ? port : undefined;
}

/** The 16-bit one's complement sum used by IPv4 and TCP (RFC 1071). */
function checksum(parts: Uint8Array[]): number {
  let sum = 0;
  for (const bytes of parts) {
    for (let i = 0; i < bytes.length; i += 2) {
      sum += (bytes[i] << 8) | (i + 1 < bytes.length ? bytes[i + 1] : 0);
    }
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

const FIN = 0x01;
const SYN = 0x02;
const PSH = 0x08;
const ACK = 0x10;

/** One Ethernet frame carrying an IPv4 TCP segment. */
function frame(
  from: Endpoint,
  to: Endpoint,
  mac: [number, number],
  ipId: number,
  tcp: { seq: number; ack: number; flags: number; payload?: Uint8Array },
): Uint8Array {
  const payload = tcp.payload ?? new Uint8Array(0);
  const options = tcp.flags & SYN ? Uint8Array.of(2, 4, 0x05, 0xb4) : new Uint8Array(0); // MSS 1460
  const tcpLength = 20 + options.length + payload.length;
  const out = new Uint8Array(14 + 20 + tcpLength);
  const v = new DataView(out.buffer);
  // Ethernet II: locally administered made-up MACs.
  out.set([0x02, 0, 0, 0, 0, mac[1]], 0);
  out.set([0x02, 0, 0, 0, 0, mac[0]], 6);
  v.setUint16(12, 0x0800);
  // IPv4 (RFC 791)
  const ip = out.subarray(14, 34);
  const iv = new DataView(out.buffer, 14, 20);
  iv.setUint8(0, 0x45);
  iv.setUint16(2, 20 + tcpLength);
  iv.setUint16(4, ipId & 0xffff);
  iv.setUint16(6, 0x4000); // don't fragment
  iv.setUint8(8, 64);
  iv.setUint8(9, 6);
  ip.set(from.ip, 12);
  ip.set(to.ip, 16);
  iv.setUint16(10, checksum([ip]));
  // TCP (RFC 793)
  const t = out.subarray(34);
  const tv = new DataView(out.buffer, 34, tcpLength);
  tv.setUint16(0, from.port);
  tv.setUint16(2, to.port);
  tv.setUint32(4, tcp.seq >>> 0);
  tv.setUint32(8, tcp.flags & ACK ? tcp.ack >>> 0 : 0);
  tv.setUint8(12, ((20 + options.length) / 4) << 4);
  tv.setUint8(13, tcp.flags);
  tv.setUint16(14, 65535);
  t.set(options, 20);
  t.set(payload, 20 + options.length);
  const pseudo = new Uint8Array(12);
  pseudo.set(from.ip, 0);
  pseudo.set(to.ip, 4);
  pseudo[9] = 6;
  new DataView(pseudo.buffer).setUint16(10, tcpLength);
  tv.setUint16(16, checksum([pseudo, t]));
  return out;
}

class BlockWriter {
  #chunks: Uint8Array[] = [];
  #length = 0;
  block(type: number, body: Uint8Array): void {
    const padded = (body.length + 3) & ~3;
    const total = 12 + padded;
    const out = new Uint8Array(total);
    const v = new DataView(out.buffer);
    v.setUint32(0, type, true);
    v.setUint32(4, total, true);
    out.set(body, 8);
    v.setUint32(total - 4, total, true);
    this.#chunks.push(out);
    this.#length += total;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

interface Packet {
  us: bigint;
  order: number;
  data: Uint8Array;
}

/**
 * Writes the PDU records of a trace (those with `raw` bytes) as a pcapng capture, one TCP
 * connection per trace connection. Addresses come from the records' `local`/`remote`
 * (IPv4 `host:port`); other transports get made-up 127.0.0.x addresses, the acceptor on port
 * 104 and the requestor on an ephemeral port.
 * @example
 * ```ts
 * import { writePcapng } from "./pcapng_writer.ts";
 * const { bytes } = writePcapng([]);
 * bytes.length; // 60: a section header and an interface description, no packets
 * ```
 */
export function writePcapng(
  records: readonly TraceRecord[],
  options: WritePcapngOptions = {},
): PcapngExport {
  const firstT = records.length ? records[0].t : 0;
  const epochMs = options.epochMs ?? (firstT > 1e12 ? 0 : Date.now());
  const byConn = new Map<string, TraceRecord[]>();
  for (const r of records) {
    if (!byConn.has(r.conn)) byConn.set(r.conn, []);
    byConn.get(r.conn)!.push(r);
  }
  const packets: Packet[] = [];
  let order = 0;
  let ipId = 1;
  let skipped = 0;
  let pdus = 0;
  let connIndex = 0;
  const serverPorts = new Map<string, number>();
  for (const [conn, list] of byConn) {
    const pduRecords = list.filter((r) => r.kind === "pdu-sent" || r.kind === "pdu-received");
    const withRaw = pduRecords.filter((r) => typeof r.raw === "string");
    skipped += pduRecords.length - withRaw.length;
    if (withRaw.length === 0) continue;
    connIndex++;
    const local = list.find((r) => r.local !== undefined)?.local;
    const remote = list.find((r) => r.remote !== undefined)?.remote;
    // The requestor is the side that sends the A-ASSOCIATE-RQ (PS3.8 7.1.1).
    const first = withRaw[0];
    const firstType = (first.pdu as { type?: string } | undefined)?.type;
    const localIsClient = firstType === "A-ASSOCIATE-RQ"
      ? first.dir === "out"
      : firstType === "A-ASSOCIATE-AC" || firstType === "A-ASSOCIATE-RJ"
      ? first.dir === "in"
      : true;
    const [clientText, serverText] = localIsClient ? [local, remote] : [remote, local];
    const client = parseEndpoint(clientText) ?? {
      ip: [127, 0, 0, 2],
      port: parsePort(clientText) ?? 49151 + connIndex,
    };
    const server = parseEndpoint(serverText) ?? {
      ip: [127, 0, 0, 1],
      port: parsePort(serverText) ?? DEFAULT_SCP_PORT,
    };
    if (
      client.ip.join(".") === server.ip.join(".") && client.port === server.port
    ) client.port = 49151 + connIndex;
    serverPorts.set(conn, server.port);
    const isn = [0x10000000 * (connIndex % 8) + 1000, 0x80000000 + 2000 * connIndex];
    const next = [isn[0], isn[1]]; // 0 = client, 1 = server
    const ends = [client, server];
    const push = (ms: number, side: 0 | 1, flags: number, payload?: Uint8Array) => {
      const data = frame(ends[side], ends[1 - side], [side + 1, 2 - side], ipId++, {
        seq: next[side],
        ack: next[1 - side],
        flags,
        payload,
      });
      next[side] = (next[side] + (payload?.length ?? 0) + (flags & (SYN | FIN) ? 1 : 0)) >>> 0;
      packets.push({ us: BigInt(Math.round((epochMs + ms) * 1000)), order: order++, data });
    };
    const t0 = first.t;
    push(t0, 0, SYN);
    push(t0, 1, SYN | ACK);
    push(t0, 0, ACK);
    let tEnd = t0;
    for (const r of withRaw) {
      const bytes = decodeBase64(r.raw as string);
      const outbound = r.dir === "out";
      const side: 0 | 1 = outbound === localIsClient ? 0 : 1;
      for (let at = 0; at < bytes.length; at += MAX_SEGMENT_PAYLOAD) {
        push(r.t, side, PSH | ACK, bytes.subarray(at, at + MAX_SEGMENT_PAYLOAD));
      }
      pdus++;
      tEnd = Math.max(tEnd, r.t);
    }
    const closed = list.find((r) => r.kind === "closed");
    if (closed) tEnd = Math.max(tEnd, closed.t);
    push(tEnd, 0, FIN | ACK);
    push(tEnd, 1, FIN | ACK);
    push(tEnd, 0, ACK);
  }
  packets.sort((a, b) => (a.us < b.us ? -1 : a.us > b.us ? 1 : a.order - b.order));
  const w = new BlockWriter();
  // Section Header Block: byte-order magic, version 1.0, section length unknown (-1).
  const shb = new Uint8Array(16);
  const sv = new DataView(shb.buffer);
  sv.setUint32(0, 0x1a2b3c4d, true);
  sv.setUint16(4, 1, true);
  sv.setUint16(6, 0, true);
  sv.setBigInt64(8, -1n, true);
  w.block(0x0a0d0d0a, shb);
  // Interface Description Block: LINKTYPE_ETHERNET, if_tsresol = 6 (microseconds).
  const idb = new Uint8Array(20);
  const iv = new DataView(idb.buffer);
  iv.setUint16(0, 1, true);
  iv.setUint32(4, 65535, true);
  iv.setUint16(8, 9, true);
  iv.setUint16(10, 1, true);
  idb[12] = 6;
  // bytes 16-19: opt_endofopt
  w.block(1, idb);
  for (const p of packets) {
    const body = new Uint8Array(20 + ((p.data.length + 3) & ~3));
    const v = new DataView(body.buffer);
    v.setUint32(0, 0, true);
    v.setUint32(4, Number(p.us >> 32n), true);
    v.setUint32(8, Number(p.us & 0xffffffffn), true);
    v.setUint32(12, p.data.length, true);
    v.setUint32(16, p.data.length, true);
    body.set(p.data, 20);
    w.block(6, body);
  }
  return { bytes: w.bytes(), connections: serverPorts.size, pdus, skipped, serverPorts };
}
