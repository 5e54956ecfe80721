/**
 * Reading libpcap and pcapng captures back into trace records: Ethernet (or Linux cooked,
 * raw IP, BSD loopback) / IPv4 or IPv6 / TCP, each direction of each connection reassembled by
 * sequence number (out-of-order and retransmitted segments), DICOM found by port or by an
 * A-ASSOCIATE-RQ at the start of a stream, every PDU decoded.
 * @module
 */
import { decodePdu } from "../net/pdu/read_pdu.ts";
import { traceRecord } from "./jsonl_trace.ts";
import type { TraceRecord } from "./trace_summary.ts";

/** A capture that is not libpcap or pcapng, or is cut short. */
export class CaptureFormatError extends SyntaxError {
  /** Byte offset in the capture file. */
  readonly offset: number;
  /**
   * A capture format error at a byte offset.
   * @param message what went wrong
   * @param offset byte offset in the file
   */
  constructor(message: string, offset: number) {
    super(message);
    this.name = "CaptureFormatError";
    this.offset = offset;
  }
}

/** One captured frame. */
export interface CapturedPacket {
  /** Capture time in milliseconds since the epoch (fractional). */
  ms: number;
  /** The link-layer type (LINKTYPE_*). */
  linkType: number;
  /** The captured bytes. */
  data: Uint8Array;
}

/**
 * Reads the packets of a libpcap (either byte order, micro- or nanosecond) or pcapng capture.
 * A truncated last record ends the list (`truncatedAt` gives its offset).
 * @throws {CaptureFormatError} not a capture
 * @example
 * ```ts
 * import { readCapturePackets } from "./pcap_reader.ts";
 * import { writePcapng } from "./pcapng_writer.ts";
 * readCapturePackets(writePcapng([]).bytes).packets.length; // 0
 * ```
 */
export function readCapturePackets(
  bytes: Uint8Array,
): { packets: CapturedPacket[]; truncatedAt?: number } {
  if (bytes.length < 12) throw new CaptureFormatError("Not a capture: too short", 0);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = v.getUint32(0, true);
  if (magic === 0x0a0d0d0a) return readPcapng(bytes, v);
  for (const little of [true, false]) {
    const m = v.getUint32(0, little);
    if (m === 0xa1b2c3d4 || m === 0xa1b23c4d) {
      return readPcap(bytes, v, little, m === 0xa1b23c4d ? 1e6 : 1e3);
    }
  }
  throw new CaptureFormatError(
    `Not a libpcap or pcapng capture: magic 0x${magic.toString(16).padStart(8, "0")}`,
    0,
  );
}

function readPcap(
  bytes: Uint8Array,
  v: DataView,
  le: boolean,
  fracPerMs: number,
): { packets: CapturedPacket[]; truncatedAt?: number } {
  if (bytes.length < 24) throw new CaptureFormatError("Truncated pcap header", 0);
  const linkType = v.getUint32(20, le) & 0x0fffffff;
  const packets: CapturedPacket[] = [];
  let at = 24;
  while (at < bytes.length) {
    if (at + 16 > bytes.length) return { packets, truncatedAt: at };
    const sec = v.getUint32(at, le);
    const frac = v.getUint32(at + 4, le);
    const incl = v.getUint32(at + 8, le);
    if (at + 16 + incl > bytes.length) return { packets, truncatedAt: at };
    packets.push({
      ms: sec * 1000 + frac / fracPerMs,
      linkType,
      data: bytes.subarray(at + 16, at + 16 + incl),
    });
    at += 16 + incl;
  }
  return { packets };
}

function readPcapng(
  bytes: Uint8Array,
  v: DataView,
): { packets: CapturedPacket[]; truncatedAt?: number } {
  const packets: CapturedPacket[] = [];
  let le = true;
  let interfaces: { linkType: number; unitsPerMs: number }[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return { packets, truncatedAt: at };
    const type = v.getUint32(at, le);
    if (type === 0x0a0d0d0a) {
      // Section Header Block: the byte-order magic decides the section's endianness.
      if (at + 12 > bytes.length) return { packets, truncatedAt: at };
      const bom = v.getUint32(at + 8, true);
      if (bom === 0x1a2b3c4d) le = true;
      else if (bom === 0x4d3c2b1a) le = false;
      else throw new CaptureFormatError("Bad pcapng byte-order magic", at + 8);
      interfaces = [];
    }
    const total = v.getUint32(at + 4, le);
    if (total < 12 || total % 4 !== 0) {
      throw new CaptureFormatError(`Bad pcapng block length ${total}`, at + 4);
    }
    if (at + total > bytes.length) return { packets, truncatedAt: at };
    const body = at + 8;
    if (type === 1) {
      const linkType = v.getUint16(body, le);
      let unitsPerMs = 1000;
      // Options from body + 8: code, length, value padded to 4 (if_tsresol = 9).
      let o = body + 8;
      while (o + 4 <= at + total - 4) {
        const code = v.getUint16(o, le);
        const len = v.getUint16(o + 2, le);
        if (code === 0) break;
        if (code === 9 && len >= 1) {
          const r = bytes[o + 4];
          const perSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
          unitsPerMs = perSecond / 1000;
        }
        o += 4 + ((len + 3) & ~3);
      }
      interfaces.push({ linkType, unitsPerMs });
    } else if (type === 6) {
      const iface = interfaces[v.getUint32(body, le)];
      const ts = v.getUint32(body + 4, le) * 2 ** 32 + v.getUint32(body + 8, le);
      const caplen = v.getUint32(body + 12, le);
      if (iface && body + 20 + caplen <= at + total) {
        packets.push({
          ms: ts / iface.unitsPerMs,
          linkType: iface.linkType,
          data: bytes.subarray(body + 20, body + 20 + caplen),
        });
      }
    } else if (type === 3 && interfaces[0]) {
      // Simple Packet Block: no timestamp.
      const orig = v.getUint32(body, le);
      const caplen = Math.min(orig, total - 16);
      packets.push({
        ms: 0,
        linkType: interfaces[0].linkType,
        data: bytes.subarray(body + 4, body + 4 + caplen),
      });
    }
    at += total;
  }
  return { packets };
}

/** A TCP segment of a captured frame. */
interface Segment {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  seq: number;
  flags: number;
  payload: Uint8Array;
}

function ipv4Text(b: Uint8Array): string {
  return Array.from(b).join(".");
}

function ipv6Text(b: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < 16; i += 2) parts.push(((b[i] << 8) | b[i + 1]).toString(16));
  return parts.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

function tcpSegment(packet: CapturedPacket): Segment | undefined {
  const d = packet.data;
  const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
  let at: number;
  let etherType: number;
  switch (packet.linkType) {
    case 1: // Ethernet
      if (d.length < 14) return undefined;
      etherType = v.getUint16(12);
      at = 14;
      while ((etherType === 0x8100 || etherType === 0x88a8) && at + 4 <= d.length) {
        etherType = v.getUint16(at + 2);
        at += 4;
      }
      break;
    case 113: // Linux cooked (SLL)
      if (d.length < 16) return undefined;
      etherType = v.getUint16(14);
      at = 16;
      break;
    case 276: // Linux cooked v2 (SLL2)
      if (d.length < 20) return undefined;
      etherType = v.getUint16(0);
      at = 20;
      break;
    case 0: // BSD loopback: address family in host byte order
    case 108: {
      if (d.length < 4) return undefined;
      const family = Math.min(v.getUint32(0, true), v.getUint32(0, false));
      etherType = family === 2 ? 0x0800 : 0x86dd;
      at = 4;
      break;
    }
    case 101: // raw IP
    case 12:
    case 228:
    case 229:
      at = 0;
      etherType = (d[0] >> 4) === 6 ? 0x86dd : 0x0800;
      break;
    default:
      return undefined;
  }
  let src: string, dst: string, end: number;
  if (etherType === 0x0800) {
    if (at + 20 > d.length || d[at] >> 4 !== 4 || d[at + 9] !== 6) return undefined;
    const ihl = (d[at] & 15) * 4;
    // The IPv4 total length trims Ethernet padding.
    end = Math.min(d.length, at + v.getUint16(at + 2));
    if ((v.getUint16(at + 6) & 0x1fff) !== 0) return undefined; // a later fragment
    src = ipv4Text(d.subarray(at + 12, at + 16));
    dst = ipv4Text(d.subarray(at + 16, at + 20));
    at += ihl;
  } else if (etherType === 0x86dd) {
    if (at + 40 > d.length || d[at + 6] !== 6) return undefined;
    end = Math.min(d.length, at + 40 + v.getUint16(at + 4));
    src = ipv6Text(d.subarray(at + 8, at + 24));
    dst = ipv6Text(d.subarray(at + 24, at + 40));
    at += 40;
  } else return undefined;
  if (at + 20 > end) return undefined;
  const offset = (d[at + 12] >> 4) * 4;
  return {
    src,
    dst,
    srcPort: v.getUint16(at),
    dstPort: v.getUint16(at + 2),
    seq: v.getUint32(at + 4),
    flags: d[at + 13],
    payload: d.subarray(Math.min(end, at + offset), end),
  };
}

/** A contiguous piece of one direction's byte stream and when it arrived. */
interface Piece {
  offset: number;
  data: Uint8Array;
  ms: number;
  index: number;
}

class Direction {
  isn: number | undefined;
  synSeen = false;
  pieces: Piece[] = [];
  firstPayload: Uint8Array | undefined;
  fin = false;
  rst = false;
  add(seg: Segment, ms: number, index: number): void {
    if (seg.flags & 0x02) {
      this.isn = (seg.seq + 1) >>> 0;
      this.synSeen = true;
    }
    if (seg.flags & 0x01) this.fin = true;
    if (seg.flags & 0x04) this.rst = true;
    if (seg.payload.length === 0) return;
    if (this.isn === undefined) this.isn = seg.seq;
    let offset = (seg.seq - this.isn) | 0; // signed: a retransmission from before the first seen
    if (offset < 0) {
      if (-offset >= seg.payload.length) return;
      this.pieces.push({ offset: 0, data: seg.payload.subarray(-offset), ms, index });
      offset = 0;
    } else this.pieces.push({ offset, data: seg.payload, ms, index });
    if (offset === 0) this.firstPayload ??= seg.payload;
  }
  /** The reassembled stream as chunks in sequence order, and the gaps in it. */
  assemble(): { chunks: Piece[]; gaps: { offset: number; length: number; after: Piece }[] } {
    const sorted = [...this.pieces].sort((a, b) => a.offset - b.offset || a.index - b.index);
    const chunks: Piece[] = [];
    const gaps: { offset: number; length: number; after: Piece }[] = [];
    let next = 0;
    for (const p of sorted) {
      const end = p.offset + p.data.length;
      if (end <= next) continue; // a retransmission of bytes we have
      if (p.offset > next) {
        gaps.push({ offset: next, length: p.offset - next, after: p });
        next = p.offset;
      }
      chunks.push({
        offset: next,
        data: p.data.subarray(next - p.offset),
        ms: p.ms,
        index: p.index,
      });
      next = end;
    }
    return { chunks, gaps };
  }
}

function looksLikeAssociateRq(b: Uint8Array | undefined): boolean {
  // PS3.8 9.3.2: type 01H, reserved byte, length, protocol version 0001H.
  if (!b || b.length < 10) return false;
  const length = ((b[2] << 24) | (b[3] << 16) | (b[4] << 8) | b[5]) >>> 0;
  return b[0] === 0x01 && b[1] === 0 && length >= 68 && length < 1 << 20 && b[6] === 0 &&
    b[7] === 1;
}

/** A PDU header that could start at `i` (PS3.8 9.3): known type, reserved byte 0, protocol
 * version 1 for A-ASSOCIATE, length 4 for A-ASSOCIATE-RJ/A-RELEASE/A-ABORT, a fitting PDV
 * (odd context ID, control header 0-3) for P-DATA-TF, and the next header plausible too when
 * its bytes are there. */
function plausibleHeaderAt(b: Uint8Array, i: number, depth = 0): boolean {
  if (i + 6 > b.length) return depth > 0;
  const type = b[i];
  if (type < 1 || type > 7 || b[i + 1] !== 0) return false;
  const length = ((b[i + 2] << 24) | (b[i + 3] << 16) | (b[i + 4] << 8) | b[i + 5]) >>> 0;
  if (length > 1 << 24) return false;
  if (type === 1 || type === 2) {
    if (length < 68 || (i + 8 <= b.length && (b[i + 6] !== 0 || b[i + 7] !== 1))) return false;
  } else if (type === 4) {
    if (length < 6) return false;
    if (i + 12 <= b.length) {
      const pdv = ((b[i + 6] << 24) | (b[i + 7] << 16) | (b[i + 8] << 8) | b[i + 9]) >>> 0;
      if (pdv < 2 || pdv + 4 > length || (b[i + 10] & 1) === 0 || b[i + 11] > 3) return false;
    }
  } else if (length !== 4) return false;
  return depth >= 1 || plausibleHeaderAt(b, i + 6 + length, depth + 1);
}

/** Options of `importCapture`. */
export interface ImportCaptureOptions {
  /** TCP ports that carry DICOM (either end). Default: none; streams that start with an
   * A-ASSOCIATE-RQ are found anyway. */
  ports?: number[];
}

/** The trace records of a capture and what could not be decoded. */
export interface CaptureImport {
  /** One record per PDU (`pdu-sent` from the requestor, `pdu-received` from the acceptor),
   * `error` records for undecodable or missing bytes, and a `closed` record per connection. */
  records: TraceRecord[];
  /** Number of DICOM connections found. */
  connections: number;
  /** The offset of a truncated last capture record, if any. */
  truncatedAt?: number;
}

/** Both directions of one TCP connection. */
interface Flow {
  order: number;
  a: string;
  b: string;
  dirs: Map<string, Direction>;
}

function addressText(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/**
 * Reads a libpcap or pcapng capture into trace records, one connection id (`pcap-N`) per
 * DICOM TCP connection, seen from the requestor (`dir: "out"` is requestor to acceptor). Times
 * `t` are milliseconds since the first packet of the capture.
 * @throws {CaptureFormatError} not a capture
 * @example
 * ```ts
 * import { importCapture } from "./pcap_reader.ts";
 * import { writePcapng } from "./pcapng_writer.ts";
 * importCapture(writePcapng([]).bytes).connections; // 0
 * ```
 */
export function importCapture(
  bytes: Uint8Array,
  options: ImportCaptureOptions = {},
): CaptureImport {
  const { packets, truncatedAt } = readCapturePackets(bytes);
  const ports = new Set(options.ports ?? []);
  const t0 = packets.length ? packets[0].ms : 0;
  const flows = new Map<string, Flow>();
  const all: Flow[] = [];
  packets.forEach((packet, index) => {
    const seg = tcpSegment(packet);
    if (!seg) return;
    const from = addressText(seg.src, seg.srcPort);
    const to = addressText(seg.dst, seg.dstPort);
    const key = from < to ? `${from}|${to}` : `${to}|${from}`;
    let flow = flows.get(key);
    // A SYN on a flow that already carried data or ended is a new connection (port reuse).
    const reused = flow !== undefined && (seg.flags & 0x12) === 0x02 &&
      [...flow.dirs.values()].some((d) => d.pieces.length > 0 || d.fin || d.rst);
    if (!flow || reused) {
      flow = { order: all.length, a: from, b: to, dirs: new Map() };
      flows.set(key, flow);
      all.push(flow);
    }
    if (!flow.dirs.has(from)) flow.dirs.set(from, new Direction());
    flow.dirs.get(from)!.add(seg, packet.ms - t0, index);
  });
  const records: { r: TraceRecord; index: number; sub: number }[] = [];
  let connections = 0;
  for (const flow of all) {
    const da = flow.dirs.get(flow.a) ?? new Direction();
    const db = flow.dirs.get(flow.b) ?? new Direction();
    const portOf = (s: string) => Number(s.slice(s.lastIndexOf(":") + 1));
    let client: string | undefined;
    if (looksLikeAssociateRq(da.firstPayload)) client = flow.a;
    else if (looksLikeAssociateRq(db.firstPayload)) client = flow.b;
    else if (ports.has(portOf(flow.b))) client = flow.a;
    else if (ports.has(portOf(flow.a))) client = flow.b;
    if (!client) continue;
    const server = client === flow.a ? flow.b : flow.a;
    connections++;
    const conn = `pcap-${connections}`;
    let first = true;
    let end: "released" | "aborted" | "rejected" | "closed" = "closed";
    let lastMs = 0;
    let lastIndex = 0;
    for (const [who, dir] of [[client, "out"], [server, "in"]] as const) {
      const direction = flow.dirs.get(who);
      if (!direction) continue;
      const { chunks, gaps } = direction.assemble();
      for (const g of gaps) {
        records.push({
          r: {
            v: 1,
            t: g.after.ms,
            conn,
            kind: "error",
            dir,
            offset: g.offset,
            error: `Missing ${g.length} bytes of the ${
              dir === "out" ? "requestor" : "acceptor"
            } stream at byte ${g.offset}`,
          },
          index: g.after.index,
          sub: g.offset,
        });
      }
      // Walk the contiguous runs, cutting PDUs out of each. Parts are joined only once a whole
      // PDU (or a header) is there, so a large PDU is copied once.
      let parts: Uint8Array[] = [];
      let pending = 0;
      let bufferStart = 0;
      let need = 6;
      let resync = false;
      const join = (): Uint8Array => {
        if (parts.length === 1) return parts[0];
        const out = new Uint8Array(pending);
        let o = 0;
        for (const p of parts) {
          out.set(p, o);
          o += p.length;
        }
        parts = [out];
        return out;
      };
      const pieceAt = (offset: number): Piece => {
        let lo = 0;
        let hi = chunks.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (chunks[mid].offset <= offset) lo = mid;
          else hi = mid - 1;
        }
        return chunks[lo];
      };
      const flush = (final: boolean) => {
        if (resync && pending >= 6) {
          // After a gap the stream resumes mid-PDU: skip to the first plausible PDU header.
          const buffer = join();
          let i = 0;
          while (i + 6 <= pending && !plausibleHeaderAt(buffer, i)) i++;
          if (i + 6 <= pending || final) {
            const skipped = Math.min(i, pending);
            if (skipped > 0) {
              records.push({
                r: {
                  v: 1,
                  t: pieceAt(bufferStart).ms,
                  conn,
                  kind: "error",
                  dir,
                  offset: bufferStart,
                  error: `Skipped ${skipped} bytes of the ${
                    dir === "out" ? "requestor" : "acceptor"
                  } stream at byte ${bufferStart} after missing bytes`,
                },
                index: pieceAt(bufferStart).index,
                sub: bufferStart,
              });
            }
            parts = [buffer.subarray(skipped)];
            pending -= skipped;
            bufferStart += skipped;
            resync = false;
          } else return;
        }
        while (pending >= need) {
          const buffer = join();
          const len = 6 + new DataView(buffer.buffer, buffer.byteOffset, 6).getUint32(2);
          if (pending < len) {
            need = len;
            break;
          }
          const pduBytes = buffer.subarray(0, len);
          const lastPiece = pieceAt(bufferStart + len - 1);
          try {
            const pdu = decodePdu(pduBytes);
            if (pdu.type === "A-RELEASE-RP") end = "released";
            if (pdu.type === "A-ABORT") end = "aborted";
            if (pdu.type === "A-ASSOCIATE-RJ") end = "rejected";
            const r = traceRecord(conn, {
              type: dir === "out" ? "pdu-sent" : "pdu-received",
              pdu,
              length: len,
              at: lastPiece.ms,
              bytes: pduBytes,
            }, { raw: true, endpoints: first ? { local: client!, remote: server } : undefined });
            first = false;
            records.push({ r: r as TraceRecord, index: lastPiece.index, sub: bufferStart });
          } catch (error) {
            records.push({
              r: {
                v: 1,
                t: lastPiece.ms,
                conn,
                kind: "error",
                dir,
                offset: bufferStart,
                error: `Cannot decode the ${
                  dir === "out" ? "requestor" : "acceptor"
                } PDU at byte ${bufferStart}: ${(error as Error).message}`,
              },
              index: lastPiece.index,
              sub: bufferStart,
            });
          }
          lastMs = Math.max(lastMs, lastPiece.ms);
          lastIndex = Math.max(lastIndex, lastPiece.index);
          parts = [buffer.subarray(len)];
          pending -= len;
          bufferStart += len;
          need = 6;
        }
        if (final && pending > 0) {
          records.push({
            r: {
              v: 1,
              t: lastMs,
              conn,
              kind: "error",
              dir,
              offset: bufferStart,
              error: `Incomplete ${
                dir === "out" ? "requestor" : "acceptor"
              } PDU at byte ${bufferStart}: ${pending} bytes`,
            },
            index: Infinity,
            sub: bufferStart,
          });
          bufferStart += pending;
          parts = [];
          pending = 0;
          need = 6;
        }
      };
      for (const c of chunks) {
        if (c.offset !== bufferStart + pending) {
          flush(true); // a gap: what was before it cannot complete
          bufferStart = c.offset;
          resync = true;
        }
        parts.push(c.data);
        pending += c.data.length;
        flush(false);
      }
      flush(true);
    }
    records.push({
      r: { v: 1, t: lastMs, conn, kind: "closed", reason: end },
      index: lastIndex + 0.5,
      sub: 0,
    });
  }
  records.sort((a, b) => a.index - b.index || a.sub - b.sub);
  return { records: records.map((x) => x.r), connections, truncatedAt };
}
