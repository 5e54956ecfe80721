/**
 * `dicomsim proxy --listen PORT --to HOST:PORT [--record FILE] [--faults FILE.json]
 * [--fault JSON ...] [--count N]`: a transparent DICOM proxy that records conversations.
 * @module
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { type PacsFault, parseFaults } from "../sim/pacs/pacs_faults.ts";
import { startProxy } from "../sim/proxy/dicom_proxy.ts";
import { JsonlTrace } from "../trace/jsonl_trace.ts";
import type { Command } from "./command.ts";
import { parseHostPort } from "./network_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";
import { untilSignal } from "./_until_signal.ts";

const HELP = `Usage: dicomsim proxy --listen PORT --to HOST:PORT [options]

A transparent DICOM proxy between a real SCU and a real SCP: every PDU is passed on byte for
byte in both directions, and with --record the conversation (all associations, both
directions, the DIMSE messages, the real endpoints) goes to a JSON Lines trace for
"dicomsim trace show|export|replay|serve". Faults can be injected in the path with the mock
PACS's fault options (reject, accept-delay, delay, no-response, status, find-limit, abort,
close), e.g. --fault '{"type":"status","command":"C-STORE-RQ","nth":2,"status":"0xA700"}'.

Options:
  --listen PORT         the port to listen on (0 = any; the port is printed)
  --host HOST           the address to listen on (default 127.0.0.1)
  --to HOST:PORT        the SCP to pass connections on to
  --record FILE         write the trace to FILE (JSON Lines)
  --faults FILE.json    a JSON array of faults
  --fault JSON          one fault (repeatable)
  --count N             stop after N connections have ended (default: run until SIGINT/SIGTERM)
  -v, --verbose         one line per connection when it ends
  -h, --help            this help

Exit status: 0 stopped normally, 1 could not listen or bad faults, 2 bad usage.`;

/** The `proxy` command. */
export const proxyCommand: Command = {
  name: "proxy",
  summary: "a recording DICOM proxy between an SCU and an SCP, with optional faults",
  help: HELP,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      listen: { type: "string" },
      host: { type: "string" },
      to: { type: "string" },
      record: { type: "string" },
      faults: { type: "string" },
      fault: { type: "string", multiple: true },
      count: { type: "string" },
      verbose: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    const port = Number(values.listen);
    if (values.listen === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError("proxy needs --listen PORT");
    }
    const target = parseHostPort(values.to);
    const count = values.count === undefined ? undefined : Number(values.count);
    if (count !== undefined && !(Number.isInteger(count) && count > 0)) {
      throw new UsageError(`--count takes a positive number, got ${values.count}`);
    }
    let faults: PacsFault[];
    try {
      const list: unknown[] = [];
      if (values.faults) list.push(...JSON.parse(readFileSync(values.faults, "utf8")));
      for (const f of values.fault ?? []) list.push(JSON.parse(f));
      faults = parseFaults(list, values.faults ? values.faults : "--fault");
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return 1;
    }
    const fd = values.record ? openSync(values.record, "w") : undefined;
    const trace = fd === undefined ? undefined : new JsonlTrace((line) => writeSync(fd, line));
    let ended = 0;
    let done!: () => void;
    const enough = new Promise<void>((resolve) => done = resolve);
    let proxy;
    try {
      proxy = await startProxy({
        listen: { host: values.host ?? "127.0.0.1", port },
        target,
        faults,
        trace,
        onConnectionEnd: (s) => {
          ended++;
          if (values.verbose || s.error) {
            // Without --record and faults the proxy is a byte pipe: it counts bytes only.
            const what = s.pdus > 0
              ? `${s.messages} DIMSE message(s), ${s.pdus} PDU(s), ${s.bytes} bytes, ${s.end}`
              : `${s.bytes} bytes`;
            const faults = s.faults.length ? `; faults: ${s.faults.join("; ")}` : "";
            const line = `${s.id} from ${s.client}: ${what}${faults}${
              s.error ? `; ${s.error}` : ""
            }`;
            (s.error ? io.err : io.out)(s.error ? `W: ${line}` : line);
          }
          if (count !== undefined && ended >= count) done();
        },
      });
    } catch (error) {
      io.err(`E: cannot listen on port ${port}: ${(error as Error).message}`);
      if (fd !== undefined) closeSync(fd);
      return 1;
    }
    io.out(
      `Proxy on ${values.host ?? "127.0.0.1"}:${proxy.port} -> ${target.host}:${target.port}${
        values.record ? `, recording to ${values.record}` : ""
      }`,
    );
    await untilSignal(enough);
    await proxy.close();
    if (fd !== undefined) closeSync(fd);
    io.out(`Proxy stopped after ${ended} connection(s)`);
    return 0;
  },
};
