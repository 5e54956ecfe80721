/**
 * Trace records to a pcapng capture that Wireshark and tshark open with their DICOM
 * dissector: each connection becomes a synthetic Ethernet/IPv4 (or IPv6, when the trace's
 * addresses are IPv6)/TCP stream (3-way handshake, sequence and acknowledgement numbers for both
 * directions, segments no larger than a 1500-byte MTU allows, FIN at the end), one Enhanced
 * Packet Block per segment with microsecond timestamps.
 * @module
 */
import { decodeBase64 } from "../codec/base64.ts";
import { tracerIsRequestor } from "./conversation.ts";
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

/** Largest TCP payload per IPv6 segment: 1500 minus the IPv6 (40) and TCP (20) headers. */
const MAX_SEGMENT_PAYLOAD_V6 = 1440;

interface Endpoint {
  /** 4 bytes (IPv4) or 16 (IPv6). */
  ip: number[];
  port: number;
}

function parseIpv4(text: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const ip = [1, 2, 3, 4].map((i) => Number(m[i]));
  return ip.some((b) => b > 255) ? undefined : ip;
}

/** RFC 4291 2.2 text forms: full, `::`-compressed, and with a trailing dotted IPv4. */
function parseIpv6(text: string): number[] | undefined {
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    text = text.slice(0, lastColon + 1) + "0:0";
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string) => part === "" ? [] : part.split(":");
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  const out: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    const n = parseInt(g, 16);
    out.push(n >> 8, n & 0xff);
  }
  if (tail.length) out.splice(12, 4, ...tail);
  return out;
}

function parseEndpoint(text: unknown): Endpoint | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const port = Number(m[3]);
  const ip = m[1] !== undefined ? parseIpv6(m[1]) : parseIpv4(m[2]);
  if (!ip || port > 65535) return undefined;
  return { ip, port };
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

/** One Ethernet frame carrying an IPv4 or IPv6 TCP segment. */
function frame(
  from: Endpoint,
  to: Endpoint,
  mac: [number, number],
  ipId: number,
  tcp: { seq: number; ack: number; flags: number; payload?: Uint8Array },
): Uint8Array {
  const v6 = from.ip.length === 16;
  const ipLength = v6 ? 40 : 20;
  const payload = tcp.payload ?? new Uint8Array(0);
  const mss = v6 ? MAX_SEGMENT_PAYLOAD_V6 : MAX_SEGMENT_PAYLOAD;
  const options = tcp.flags & SYN ? Uint8Array.of(2, 4, mss >> 8, mss & 0xff) : new Uint8Array(0);
  const tcpLength = 20 + options.length + payload.length;
  const out = new Uint8Array(14 + ipLength + tcpLength);
  const v = new DataView(out.buffer);
  // Ethernet II: locally administered made-up MACs.
  out.set([0x02, 0, 0, 0, 0, mac[1]], 0);
  out.set([0x02, 0, 0, 0, 0, mac[0]], 6);
  v.setUint16(12, v6 ? 0x86dd : 0x0800);
  const ip = out.subarray(14, 14 + ipLength);
  const iv = new DataView(out.buffer, 14, ipLength);
  let pseudo: Uint8Array;
  if (v6) {
    // IPv6 (RFC 8200): version 6, payload length, next header TCP, hop limit 64.
    iv.setUint32(0, 0x60000000);
    iv.setUint16(4, tcpLength);
    iv.setUint8(6, 6);
    iv.setUint8(7, 64);
    ip.set(from.ip, 8);
    ip.set(to.ip, 24);
    // RFC 8200 8.1 pseudo-header: addresses, upper-layer length (32 bits), next header.
    pseudo = new Uint8Array(40);
    pseudo.set(from.ip, 0);
    pseudo.set(to.ip, 16);
    new DataView(pseudo.buffer).setUint32(32, tcpLength);
    pseudo[39] = 6;
  } else {
    // IPv4 (RFC 791)
    iv.setUint8(0, 0x45);
    iv.setUint16(2, 20 + tcpLength);
    iv.setUint16(4, ipId & 0xffff);
    iv.setUint16(6, 0x4000); // don't fragment
    iv.setUint8(8, 64);
    iv.setUint8(9, 6);
    ip.set(from.ip, 12);
    ip.set(to.ip, 16);
    iv.setUint16(10, checksum([ip]));
    pseudo = new Uint8Array(12);
    pseudo.set(from.ip, 0);
    pseudo.set(to.ip, 4);
    pseudo[9] = 6;
    new DataView(pseudo.buffer).setUint16(10, tcpLength);
  }
  // TCP (RFC 793)
  const base = 14 + ipLength;
  const t = out.subarray(base);
  const tv = new DataView(out.buffer, base, tcpLength);
  tv.setUint16(0, from.port);
  tv.setUint16(2, to.port);
  tv.setUint32(4, tcp.seq >>> 0);
  tv.setUint32(8, tcp.flags & ACK ? tcp.ack >>> 0 : 0);
  tv.setUint8(12, ((20 + options.length) / 4) << 4);
  tv.setUint8(13, tcp.flags);
  tv.setUint16(14, 65535);
  t.set(options, 20);
  t.set(payload, 20 + options.length);
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
    const first = withRaw[0];
    const localIsClient = tracerIsRequestor(
      (first.pdu as { type?: string } | undefined)?.type,
      first.dir,
    );
    const [clientText, serverText] = localIsClient ? [local, remote] : [remote, local];
    let client = parseEndpoint(clientText) ?? {
      ip: [127, 0, 0, 2],
      port: parsePort(clientText) ?? 49151 + connIndex,
    };
    let server = parseEndpoint(serverText) ?? {
      ip: [127, 0, 0, 1],
      port: parsePort(serverText) ?? DEFAULT_SCP_PORT,
    };
    if (client.ip.length !== server.ip.length) {
      // One IPv4 and one IPv6 address cannot share a TCP connection: make both up.
      client = { ip: [127, 0, 0, 2], port: client.port };
      server = { ip: [127, 0, 0, 1], port: server.port };
    }
    if (
      client.ip.join(".") === server.ip.join(".") && client.port === server.port
    ) client.port = 49151 + connIndex;
    const segment = client.ip.length === 16 ? MAX_SEGMENT_PAYLOAD_V6 : MAX_SEGMENT_PAYLOAD;
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
      for (let at = 0; at < bytes.length; at += segment) {
        push(r.t, side, PSH | ACK, bytes.subarray(at, at + segment));
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
