/**
 * `dicomsim trace show FILE [--format pretty|json] [--only dimse|pdu] [--summary]`,
 * `dicomsim trace export FILE --pcap OUT.pcapng`,
 * `dicomsim trace import CAPTURE --out FILE.jsonl [--port P]`,
 * `dicomsim trace extract|diff|replay|serve ...` (see trace_conversation.ts)
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import {
  formatSummary,
  formatTraceRecord,
  parseTrace,
  summariseTrace,
  type TraceRecord,
} from "../trace/trace_summary.ts";
import { importCapture } from "../trace/pcap_reader.ts";
import { readConversations, withDimseRecords } from "../trace/conversation.ts";
import { decodeMessageDataSet } from "../trace/conversation_diff.ts";
import { dumpDataSet } from "../codec/dump.ts";
import { writePcapng } from "../trace/pcapng_writer.ts";
import type { Command, CommandIo } from "./command.ts";
import {
  CONVERSATION_HELP,
  CONVERSATION_OPTIONS,
  diffTraces,
  extractTrace,
  replayTrace,
  serveTrace,
  traceToScenarioFile,
} from "./trace_conversation.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim trace show FILE [options]
       dicomsim trace export FILE --pcap OUT.pcapng
       dicomsim trace import CAPTURE --out FILE.jsonl [--port P]
       dicomsim trace extract FILE --out DIR [--all]
       dicomsim trace diff A B [--ignore TAG ...]
       dicomsim trace replay FILE --against HOST:PORT
       dicomsim trace serve FILE --port PORT
       dicomsim trace to-scenario FILE --out SCENARIO.ts

show    shows a JSON Lines trace written with --trace: one line per PDU, state transition and
        DIMSE message, then a summary per connection.
export  writes the trace's PDUs as a pcapng capture for Wireshark/tshark (synthetic
        Ethernet/IPv4/TCP, one TCP connection per association; open it with
        "Decode As: TCP port -> DICOM" if the port is not 104).
import  reads a libpcap or pcapng capture (tcpdump, Wireshark), reassembles the TCP streams
        and writes every DICOM PDU as a trace record. Streams that start with an
        A-ASSOCIATE-RQ are found by themselves; --port finds the rest.
extract writes each data set that went over the wire as a Part 10 file (bytes as sent).
diff    compares two traces conversation by conversation (association, each DIMSE message,
        data set elements), ignoring message IDs, instance UIDs, dates/times and
        implementation names unless asked; C-FIND matches compare in any order.
replay  plays the requestor side of the trace against a live SCP, byte for byte, and reports
        where the SCP's answers differ from the recorded ones (same ignore rules as diff).
serve   plays the acceptor side: a mock SCP answering like the recorded one (association
        decisions, statuses, C-FIND matches, C-GET sub-operations) until SIGINT/SIGTERM.
to-scenario turns the trace into an editable scenario for "dicomsim scenario run".

Options:
  --format pretty|json   show: readable lines (default) or the records as they are;
                         diff/replay: the differences as text (default) or JSON (for CI)
  --only dimse|pdu       show: only DIMSE messages or only PDUs
  --summary              show: only the per-connection summary
  --association N|ID     show: only the Nth connection (1-based) or the one with that id
  --dump                 show: each DIMSE message's data set too, like dcmdump (needs raw PDUs)
  --pcap OUT.pcapng      export: the capture to write
  --out FILE.jsonl       import: the trace to write
  --port P               import: a TCP port that carries DICOM (repeatable, or P,P,...)
${CONVERSATION_HELP}
  -h, --help             this help

Exit status: 0 done (diff/replay: no differences), 1 the input could not be read (diff/replay:
differences found), 2 bad usage.`;

function exportTrace(file: string, out: string | undefined, io: CommandIo): Promise<number> {
  if (!out) throw new UsageError("trace export needs --pcap OUT.pcapng");
  let records;
  try {
    records = parseTrace(readFileSync(file, "utf8"));
  } catch (error) {
    io.err(`E: ${(error as Error).message}`);
    return Promise.resolve(1);
  }
  const result = writePcapng(records);
  writeFileSync(out, result.bytes);
  const ports = [...new Set(result.serverPorts.values())].join(",");
  io.out(
    `${out}: ${result.pdus} PDU(s) on ${result.connections} connection(s)` +
      (ports ? `, DICOM on TCP port ${ports}` : ""),
  );
  if (result.skipped > 0) {
    io.err(
      `W: ${result.skipped} PDU record(s) have no raw bytes (a trace written without raw) and were left out`,
    );
  }
  return Promise.resolve(result.pdus > 0 || result.skipped === 0 ? 0 : 1);
}

function importTrace(
  file: string,
  out: string | undefined,
  portArgs: string[],
  io: CommandIo,
): Promise<number> {
  if (!out) throw new UsageError("trace import needs --out FILE.jsonl");
  const ports = portArgs.flatMap((p) => p.split(",")).map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      throw new UsageError(`--port takes a TCP port, got ${p}`);
    }
    return n;
  });
  let result;
  try {
    result = importCapture(readFileSync(file), { ports });
  } catch (error) {
    io.err(`E: ${file}: ${(error as Error).message}`);
    return Promise.resolve(1);
  }
  const records = withDimseRecords(result.records);
  writeFileSync(out, records.map((r) => JSON.stringify(r) + "\n").join(""));
  const pdus = result.records.filter((r) => r.kind.startsWith("pdu-")).length;
  io.out(`${out}: ${pdus} PDU(s) on ${result.connections} DICOM connection(s)`);
  for (const r of result.records) {
    if (r.kind === "error") io.err(`W: ${r.conn}: ${r.error}`);
  }
  if (result.truncatedAt !== undefined) {
    io.err(`W: ${file}: the capture is truncated at byte ${result.truncatedAt}`);
  }
  return Promise.resolve(0);
}

/**
 * Gives, for each DIMSE record in order, the dump of the data set its message carried (from the
 * P-DATA-TF PDUs' raw bytes), indented under the record's line.
 */
function dataSetDumper(records: readonly TraceRecord[]): (r: TraceRecord) => string | undefined {
  const conversations = new Map(readConversations(records).map((c) => [c.id, c]));
  const seen = new Map<string, number>();
  return (r) => {
    if (r.kind !== "dimse-sent" && r.kind !== "dimse-received") return undefined;
    const k = seen.get(r.conn) ?? 0;
    seen.set(r.conn, k + 1);
    const m = conversations.get(r.conn)?.messages[k];
    const type = (r.message as { type?: string } | undefined)?.type;
    if (!m?.dataSet || m.message.type !== type) return undefined;
    try {
      return dumpDataSet(decodeMessageDataSet(m), { indent: "  " }).split("\n")
        .map((line) => line && `            ${line}`).join("\n");
    } catch (error) {
      return `            (data set not readable: ${(error as Error).message})`;
    }
  };
}

/** The `trace` command. */
export const traceCommand: Command = {
  name: "trace",
  summary: "show, export (pcapng), import, extract, diff, replay or serve a JSON Lines trace",
  help: HELP,
  run(args, io) {
    const parsed = parseCommandArgs(args, {
      format: { type: "string" },
      association: { type: "string" },
      dump: { type: "boolean" },
      only: { type: "string" },
      summary: { type: "boolean" },
      pcap: { type: "string" },
      out: { type: "string" },
      port: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
      ...CONVERSATION_OPTIONS,
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return Promise.resolve(0);
    }
    const [sub, file] = positionals;
    if (sub === "diff") {
      if (positionals.length !== 3) throw new UsageError("trace diff needs two traces: A B");
      return Promise.resolve(diffTraces(positionals[1], positionals[2], values, io));
    }
    const subcommands = ["show", "export", "import", "extract", "replay", "serve", "to-scenario"];
    if (!subcommands.includes(sub) || !file || positionals.length !== 2) {
      throw new UsageError(
        "trace needs a subcommand: show, export, import, extract, diff, replay, serve or to-scenario",
      );
    }
    if (sub === "extract") return Promise.resolve(extractTrace(file, values.out, values, io));
    if (sub === "replay") return replayTrace(file, values, io);
    if (sub === "to-scenario") {
      return Promise.resolve(traceToScenarioFile(file, values.out, values, io));
    }
    if (sub === "serve") {
      const ports = values.port ?? [];
      if (ports.length > 1) throw new UsageError("trace serve takes one --port");
      const port = ports.length ? Number(ports[0]) : undefined;
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
        throw new UsageError(`--port takes a TCP port, got ${ports[0]}`);
      }
      return serveTrace(file, port, values, io);
    }
    if (sub === "export") return exportTrace(file, values.pcap, io);
    if (sub === "import") return importTrace(file, values.out, values.port ?? [], io);
    const format = values.format ?? "pretty";
    if (format !== "pretty" && format !== "json") {
      throw new UsageError(`--format is pretty or json, not ${format}`);
    }
    const only = values.only;
    if (only !== undefined && only !== "dimse" && only !== "pdu") {
      throw new UsageError(`--only is dimse or pdu, not ${only}`);
    }
    let records;
    try {
      records = parseTrace(readFileSync(file, "utf8"));
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return Promise.resolve(1);
    }
    if (values.association !== undefined) {
      const ids = [...new Set(records.map((r) => r.conn))];
      const n = Number(values.association);
      const id = Number.isInteger(n) && n >= 1 ? ids[n - 1] : values.association;
      if (!ids.includes(id)) {
        io.err(`E: ${file} has no connection ${values.association} (it has ${ids.length})`);
        return Promise.resolve(1);
      }
      records = records.filter((r) => r.conn === id);
    }
    if (!values.summary) {
      const dumps = values.dump && format === "pretty" ? dataSetDumper(records) : undefined;
      for (const r of records) {
        if (only === "dimse" && !r.kind.startsWith("dimse")) continue;
        if (only === "pdu" && !r.kind.startsWith("pdu")) continue;
        io.out(format === "json" ? JSON.stringify(r) : formatTraceRecord(r));
        const dump = dumps?.(r);
        if (dump) io.out(dump.trimEnd());
      }
    }
    if (format === "pretty") io.out(formatSummary(summariseTrace(records)));
    return Promise.resolve(0);
  },
};
