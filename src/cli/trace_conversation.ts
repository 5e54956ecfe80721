/**
 * The conversation-level `trace` subcommands: extract, diff, replay and serve.
 * @module
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tagFromKeyword } from "../core/dictionary.ts";
import { parseTag, type Tag } from "../core/tag.ts";
import { readConversations, type RecordedConnection } from "../trace/conversation.ts";
import {
  diffConversations,
  type DiffOptions,
  type TraceDifference,
} from "../trace/conversation_diff.ts";
import { extractDataSets } from "../trace/extract_data_sets.ts";
import { replayConversations } from "../trace/replay.ts";
import { serveConversations } from "../trace/serve.ts";
import { traceToScenario } from "../trace/to_scenario.ts";
import { parseTrace } from "../trace/trace_summary.ts";
import type { CommandIo } from "./command.ts";
import { parseHostPort } from "./network_options.ts";
import { UsageError } from "./usage_error.ts";
import { untilSignal } from "./_until_signal.ts";

/** The options these subcommands take, for `parseCommandArgs`. */
export const CONVERSATION_OPTIONS = {
  all: { type: "boolean" },
  ignore: { type: "string", multiple: true },
  "strict-uids": { type: "boolean" },
  "strict-times": { type: "boolean" },
  implementation: { type: "boolean" },
  against: { type: "string" },
  host: { type: "string" },
  timeout: { type: "string" },
  verbose: { type: "boolean", short: "v" },
  import: { type: "string" },
} as const;

/** Their help lines. */
export const CONVERSATION_HELP =
  `  --all                  extract: every data set, not only C-STORE instances
  --ignore TAG|KEYWORD   diff/replay: also ignore this element (repeatable)
  --strict-uids          diff/replay: compare instance UIDs too (ignored by default)
  --strict-times         diff/replay: compare DA/TM/DT values too (ignored by default)
  --implementation       diff/replay: compare implementation class UID and version name
  --against HOST:PORT    replay: the SCP to replay against
  --timeout SECONDS      replay: wait this long for each answer (default 30)
  --port P, --host H     serve: where to listen (default 127.0.0.1, port required)
  -v, --verbose          serve: one line per association and request
  --out FILE.ts          to-scenario: the scenario to write (its C-STORE files go to FILE.data/)
  --import SPEC          to-scenario: where it imports defineScenario from (default: this
                         project's sim.ts, relative to FILE.ts)`;

type Values = Record<string, unknown>;

function load(file: string, io: CommandIo): RecordedConnection[] | undefined {
  try {
    const connections = readConversations(parseTrace(readFileSync(file, "utf8")));
    for (const c of connections) {
      for (const p of c.problems) io.err(`W: ${file}: ${c.id}: ${p}`);
    }
    return connections;
  } catch (error) {
    io.err(`E: ${file}: ${(error as Error).message}`);
    return undefined;
  }
}

function diffOptions(values: Values): DiffOptions {
  const ignoreTags: Tag[] = ((values.ignore as string[] | undefined) ?? []).map((text) => {
    const tag = parseTag(text) ?? tagFromKeyword(text);
    if (tag === undefined) throw new UsageError(`--ignore takes a tag or keyword, got ${text}`);
    return tag;
  });
  return {
    ignoreTags,
    compareInstanceUids: values["strict-uids"] === true,
    compareDatesAndTimes: values["strict-times"] === true,
    compareImplementation: values.implementation === true,
  };
}

/** True for `--format json`; `--format` takes pretty (default) or json. */
function jsonFormat(values: Values): boolean {
  const format = values.format ?? "pretty";
  if (format !== "pretty" && format !== "json") {
    throw new UsageError(`--format is pretty or json, not ${format}`);
  }
  return format === "json";
}

function printDifferences(differences: readonly TraceDifference[], io: CommandIo): void {
  for (const d of differences) io.out(`connection ${d.connection}, ${d.where}: ${d.detail}`);
}

/** `trace extract FILE --out DIR [--all]`. */
export function extractTrace(
  file: string,
  out: string | undefined,
  values: Values,
  io: CommandIo,
): number {
  if (!out) throw new UsageError("trace extract needs --out DIR");
  const connections = load(file, io);
  if (!connections) return 1;
  const { files, problems } = extractDataSets(connections, { all: values.all === true });
  mkdirSync(out, { recursive: true });
  for (const f of files) writeFileSync(join(out, f.name), f.bytes);
  for (const p of problems) io.err(`W: ${p.connection}, message ${p.message}: ${p.reason}`);
  io.out(`${out}: ${files.length} file(s) from ${connections.length} connection(s)`);
  return 0;
}

/** `trace diff A B`: exit 0 when the conversations agree, 1 when they differ. */
export function diffTraces(a: string, b: string, values: Values, io: CommandIo): number {
  const options = diffOptions(values);
  const expected = load(a, io);
  const actual = load(b, io);
  if (!expected || !actual) return 1;
  const differences = diffConversations(expected, actual, options);
  if (jsonFormat(values)) {
    io.out(JSON.stringify({ connections: expected.length, differences }, null, 2));
    return differences.length === 0 ? 0 : 1;
  }
  printDifferences(differences, io);
  io.out(
    differences.length === 0
      ? `No differences (${expected.length} connection(s))`
      : `${differences.length} difference(s)`,
  );
  return differences.length === 0 ? 0 : 1;
}

/** `trace replay FILE --against HOST:PORT`: exit 0 when the SCP answered as recorded. */
export async function replayTrace(file: string, values: Values, io: CommandIo): Promise<number> {
  const target = parseHostPort(values.against as string | undefined);
  const timeout = values.timeout === undefined ? 30 : Number(values.timeout);
  if (!(timeout > 0)) throw new UsageError(`--timeout takes seconds, got ${values.timeout}`);
  const diff = diffOptions(values);
  const recorded = load(file, io);
  if (!recorded) return 1;
  let failed = 0;
  const json = jsonFormat(values);
  const results = await replayConversations(recorded, {
    ...target,
    responseTimeoutMs: timeout * 1000,
    diff,
    onConnection: (r) => {
      const ok = r.differences.length === 0 && !r.stopped;
      if (!ok) failed++;
      if (json) return;
      io.out(
        `connection ${r.index} (${r.recorded.id}): ${r.actual.messages.length} message(s), ${
          ok ? "as recorded" : `${r.differences.length} difference(s)`
        }${r.stopped ? `; stopped: ${r.stopped}` : ""}`,
      );
      printDifferences(r.differences, io);
    },
  });
  if (json) {
    io.out(JSON.stringify(
      {
        target: `${target.host}:${target.port}`,
        connections: results.map((r) => ({
          index: r.index,
          recorded: r.recorded.id,
          messages: r.actual.messages.length,
          end: r.actual.end,
          ...(r.stopped ? { stopped: r.stopped } : {}),
          differences: r.differences,
        })),
      },
      null,
      2,
    ));
    return failed === 0 ? 0 : 1;
  }
  io.out(
    `Replayed ${results.length} connection(s) against ${target.host}:${target.port}: ${
      failed === 0 ? "no differences" : `${failed} differ`
    }`,
  );
  return failed === 0 ? 0 : 1;
}

/** `trace serve FILE --port PORT`: until SIGINT/SIGTERM. */
export async function serveTrace(
  file: string,
  port: number | undefined,
  values: Values,
  io: CommandIo,
): Promise<number> {
  if (port === undefined) throw new UsageError("trace serve needs --port PORT");
  const recorded = load(file, io);
  if (!recorded) return 1;
  const verbose = values.verbose === true;
  let server;
  try {
    server = await serveConversations(recorded, {
      listen: { host: (values.host as string | undefined) ?? "127.0.0.1", port },
      onAssociation: (r, association) => {
        if (verbose) {
          io.out(`Association from ${association.transport.remoteAddress} plays ${r.id}`);
        }
      },
      onRequest: (message, matched) => {
        if (verbose) {
          io.out(`${message.type}: ${matched ? "answered as recorded" : "not in the recording"}`);
        }
      },
    });
  } catch (error) {
    io.err(`E: ${(error as Error).message}`);
    return 1;
  }
  io.out(`Serving ${recorded.length} recorded connection(s) of ${file} on port ${server.port}`);
  await untilSignal();
  await server.close();
  return 0;
}

/** `trace to-scenario FILE --out SCENARIO.ts [--import SPEC]`. */
export function traceToScenarioFile(
  file: string,
  out: string | undefined,
  values: Values,
  io: CommandIo,
): number {
  if (!out || !out.endsWith(".ts")) throw new UsageError("trace to-scenario needs --out FILE.ts");
  const connections = load(file, io);
  if (!connections) return 1;
  const simTs = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "sim.ts");
  let importFrom = values.import as string | undefined;
  if (!importFrom) {
    importFrom = relative(dirname(resolve(out)), simTs).split("\\").join("/");
    if (!importFrom.startsWith(".")) importFrom = `./${importFrom}`;
  }
  const name = basename(out, ".ts");
  const dataFolder = `${name}.data`;
  const { source, files } = traceToScenario(connections, {
    name,
    importFrom,
    dataFolder,
    source: basename(file),
  });
  if (files.length) {
    const dataDir = join(dirname(resolve(out)), dataFolder);
    mkdirSync(dataDir, { recursive: true });
    for (const f of files) writeFileSync(join(dataDir, f.name), f.bytes);
  }
  writeFileSync(out, source);
  io.out(
    `${out}: a scenario of ${connections.length} connection(s)${
      files.length ? `, ${files.length} file(s) in ${dataFolder}/` : ""
    }`,
  );
  return 0;
}
