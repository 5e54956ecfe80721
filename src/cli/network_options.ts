/**
 * Options every network command takes: --aet, --aec, --trace FILE, -v, and timeouts.
 * @module
 */
import { appendFileSync, writeFileSync } from "node:fs";
import type { Association, AssociationEvent } from "../net/association/association.ts";
import type { Timeouts } from "../net/association/timeouts.ts";
import { formatAssociationEvent } from "../trace/event_text.ts";
import { JsonlTrace } from "../trace/jsonl_trace.ts";
import type { CommandIo } from "./command.ts";
import { UsageError } from "./usage_error.ts";

/** parseArgs option specs shared by the network commands. */
export const NETWORK_OPTIONS = {
  aet: { type: "string" },
  aec: { type: "string" },
  trace: { type: "string" },
  verbose: { type: "boolean", short: "v" },
  "connect-timeout": { type: "string" },
  "acse-timeout": { type: "string" },
  "dimse-timeout": { type: "string" },
  "max-pdu": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Help text lines for the shared options. */
export const NETWORK_OPTIONS_HELP = `  --aet AET              our AE title (default DICOMSIM)
  --aec AEC              the peer's AE title (default ANY-SCP)
  --trace FILE           write every PDU, transition and DIMSE message to FILE (JSON Lines)
  -v, --verbose          print PDUs, transitions and DIMSE messages as they happen
  --connect-timeout S    seconds to wait for the TCP connection (default 30)
  --acse-timeout S       seconds to wait for the association answer (default 30)
  --dimse-timeout S      seconds to wait for each DIMSE response (default 60)
  --max-pdu N            largest P-DATA-TF PDU we receive, in bytes (default 16384)
  -h, --help             this help`;

/** What the shared options give a command. */
export interface NetworkSetup {
  callingAeTitle: string;
  calledAeTitle: string;
  timeouts: Timeouts;
  maxPduLength: number | undefined;
  /** Subscribe this to every association (`onEvent`): writes the trace and the -v lines. */
  observe: (event: AssociationEvent, association: Association) => void;
}

/** Parses HOST:PORT; throws UsageError. */
export function parseHostPort(text: string | undefined): { host: string; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(text ?? "");
  if (!m || Number(m[2]) > 65535) {
    throw new UsageError(`Expected HOST:PORT, got ${JSON.stringify(text ?? "")}`);
  }
  return { host: m[1].replace(/^\[(.*)\]$/, "$1"), port: Number(m[2]) };
}

function seconds(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} takes seconds, got ${value}`);
  return n * 1000;
}

/** Turns parsed shared options into AE titles, timeouts and an event observer. */
export function networkSetup(values: Record<string, unknown>, io: CommandIo): NetworkSetup {
  const tracePath = values.trace as string | undefined;
  if (tracePath) writeFileSync(tracePath, "");
  const trace = tracePath ? new JsonlTrace((line) => appendFileSync(tracePath, line)) : undefined;
  const verbose = values.verbose === true;
  const maxPdu = values["max-pdu"] === undefined ? undefined : Number(values["max-pdu"]);
  if (maxPdu !== undefined && (!Number.isInteger(maxPdu) || maxPdu < 0)) {
    throw new UsageError(`--max-pdu takes a number of bytes, got ${values["max-pdu"]}`);
  }
  return {
    callingAeTitle: (values.aet as string | undefined) ?? "DICOMSIM",
    calledAeTitle: (values.aec as string | undefined) ?? "ANY-SCP",
    timeouts: {
      connectMs: seconds(values["connect-timeout"] as string | undefined, "connect-timeout"),
      acseMs: seconds(values["acse-timeout"] as string | undefined, "acse-timeout"),
      dimseMs: seconds(values["dimse-timeout"] as string | undefined, "dimse-timeout"),
    },
    maxPduLength: maxPdu,
    observe: (event, association) => {
      trace?.record(association.transport.id, event, {
        local: association.transport.localAddress,
        remote: association.transport.remoteAddress,
      });
      if (verbose) {
        const line = formatAssociationEvent(event);
        if (line) io.err(`[${association.transport.id}] ${line}`);
      }
    },
  };
}
