/**
 * Replays the requestor side of recorded conversations against a live SCP: the recorded PDUs go
 * out byte for byte, each one once the SCP has answered what the recording shows answered
 * before it, and what comes back is compared with the recorded answers (`diffConnection` with
 * `side: "acceptor"`, ignoring what legitimately varies).
 * @module
 */
import { type Clock, REAL_CLOCK } from "../core/clock.ts";
import { decodePdu } from "../net/pdu/read_pdu.ts";
import { PduFramer } from "../net/pdu/pdu_framer.ts";
import { connectTcp, type TcpEngine } from "../net/transport/tcp.ts";
import type { Transport } from "../net/transport/transport.ts";
import {
  ConversationBuilder,
  type ConversationMessage,
  isFinalResponse,
  type RecordedConnection,
} from "./conversation.ts";
import { diffConnection, type DiffOptions, type TraceDifference } from "./conversation_diff.ts";

/** Options of `replayConversations`. */
export interface ReplayOptions {
  /** The SCP to replay against. */
  host: string;
  /** Its port. */
  port: number;
  /** How long to wait for each awaited answer, ms. Default 30 000. */
  responseTimeoutMs?: number;
  /** Bound on connecting, ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** What to ignore when comparing (the side is always the acceptor's). */
  diff?: Omit<DiffOptions, "side">;
  /** Clock for the timeouts. Default the real clock. */
  clock?: Clock;
  /** Socket implementation (see `connectTcp`). */
  engine?: TcpEngine;
  /** Called after each replayed connection. */
  onConnection?: (result: ReplayedConnection) => void;
}

/** One replayed connection. */
export interface ReplayedConnection {
  /** 1-based index among the replayed connections. */
  readonly index: number;
  /** The recording. */
  readonly recorded: RecordedConnection;
  /** What happened this time. */
  readonly actual: RecordedConnection;
  /** The differences in what the SCP answered. */
  readonly differences: TraceDifference[];
  /** Why the replay of this connection stopped early, if it did. */
  readonly stopped?: string;
}

/**
 * Replays every recorded connection that has a requestor side (one after another, in recorded
 * order) and returns what differed.
 * @example
 * ```ts
 * import { replayConversations } from "./replay.ts";
 * const results = await replayConversations([], { host: "127.0.0.1", port: 11112 });
 * results.length; // 0
 * ```
 */
export async function replayConversations(
  recorded: readonly RecordedConnection[],
  options: ReplayOptions,
): Promise<ReplayedConnection[]> {
  const out: ReplayedConnection[] = [];
  let index = 0;
  for (const connection of recorded) {
    if (!connection.pdus.some((p) => p.from === "requestor")) continue;
    index++;
    const result = await replayConnection(index, connection, options);
    out.push(result);
    options.onConnection?.(result);
  }
  return out;
}

/** An acceptor PDU or message the requestor waits for before going on. */
function isSyncPoint(m: ConversationMessage): boolean {
  return m.from === "acceptor" && (isFinalResponse(m.message) || !("status" in m.message));
}

async function replayConnection(
  index: number,
  recorded: RecordedConnection,
  options: ReplayOptions,
): Promise<ReplayedConnection> {
  const clock = options.clock ?? REAL_CLOCK;
  const timeoutMs = options.responseTimeoutMs ?? 30_000;
  // For each recorded PDU: how many acceptor sync points came before it.
  const messagesByPdu = new Map<number, ConversationMessage[]>();
  for (const m of recorded.messages) {
    if (!messagesByPdu.has(m.pduIndex)) messagesByPdu.set(m.pduIndex, []);
    messagesByPdu.get(m.pduIndex)!.push(m);
  }
  const required: number[] = [];
  let seen = 0;
  recorded.pdus.forEach((p, i) => {
    required.push(seen);
    if (p.from !== "acceptor") return;
    if (p.pdu.type !== "P-DATA-TF") seen++;
    else seen += (messagesByPdu.get(i) ?? []).filter(isSyncPoint).length;
  });
  const totalAcceptorPoints = seen;

  const builder = new ConversationBuilder();
  let received = 0;
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const finish = (stopped?: string): ReplayedConnection => {
    const actual: RecordedConnection = {
      id: `replay-${index}`,
      ...builder.result(),
      problems: builder.problems,
    };
    const differences = diffConnection(index, recorded, actual, {
      ...options.diff,
      side: "acceptor",
    });
    return { index, recorded, actual, differences, stopped };
  };

  let transport: Transport;
  try {
    transport = await connectTcp({
      host: options.host,
      port: options.port,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      engine: options.engine,
    });
  } catch (error) {
    return finish(`Cannot connect: ${(error as Error).message}`);
  }
  const framer = new PduFramer({ maxPduLength: 0 });
  let framingError: string | undefined;
  transport.onData((chunk) => {
    try {
      for (const raw of framer.push(chunk)) {
        const copy = raw.slice();
        let pdu;
        try {
          pdu = decodePdu(copy);
        } catch (error) {
          builder.problems.push(`Undecodable PDU from the SCP: ${(error as Error).message}`);
          continue;
        }
        const messages = builder.add({ from: "acceptor", t: clock.now(), pdu, raw: copy });
        received += pdu.type === "P-DATA-TF" ? messages.filter(isSyncPoint).length : 1;
      }
    } catch (error) {
      framingError = (error as Error).message;
      transport.destroy();
    }
    notify();
  });
  transport.onClose(() => {
    closed = true;
    notify();
  });

  const waitFor = async (count: number, what: string): Promise<string | undefined> => {
    const deadline = clock.now() + timeoutMs;
    while (received < count) {
      if (framingError) return `The SCP's stream cannot be framed: ${framingError}`;
      if (closed) return `The SCP closed the connection before ${what}`;
      const left = deadline - clock.now();
      if (left <= 0) return `No answer from the SCP within ${timeoutMs} ms before ${what}`;
      await new Promise<void>((resolve) => {
        const timer = clock.setTimer(left, resolve);
        wake = () => {
          timer.cancel();
          resolve();
        };
      });
    }
    return undefined;
  };

  let stopped: string | undefined;
  for (const [i, p] of recorded.pdus.entries()) {
    if (p.from !== "requestor") continue;
    stopped = await waitFor(required[i], `recorded PDU ${i + 1} (${p.pdu.type})`);
    if (stopped) break;
    const response = builder.result().response;
    if (response?.type === "A-ASSOCIATE-RJ" && recorded.response?.type !== "A-ASSOCIATE-RJ") {
      stopped = "The SCP rejected the association";
      break;
    }
    if (closed) {
      stopped = `The SCP closed the connection before recorded PDU ${i + 1} (${p.pdu.type})`;
      break;
    }
    builder.add({ from: "requestor", t: clock.now(), pdu: p.pdu, raw: p.raw });
    try {
      await transport.write(p.raw);
    } catch (error) {
      stopped = `Cannot send recorded PDU ${i + 1}: ${(error as Error).message}`;
      break;
    }
  }
  if (!stopped && recorded.end !== "aborted") {
    stopped = await waitFor(totalAcceptorPoints, "the end of the recorded conversation");
    if (stopped && closed && received >= totalAcceptorPoints) stopped = undefined;
  }
  await Promise.race([
    transport.end().catch(() => {}),
    new Promise<void>((r) => clock.setTimer(2_000, r)),
  ]);
  transport.destroy();
  return finish(stopped);
}
