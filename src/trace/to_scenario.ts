/**
 * A recording turned into an editable scenario for the runner: per recorded association one
 * `ctx.associate` with exactly the recorded contexts (and role selections) and the recorded
 * outcome, then one step per request (C-ECHO, runs of C-STOREs, C-FIND, C-MOVE, C-GET)
 * expecting the recorded final status, match count and sub-operation count, then the release or abort. C-STORE data sets are written
 * as files beside the scenario and read back by it.
 * @module
 */
import { lookupTag } from "../core/dictionary.ts";
import type { DataSet } from "../core/dataset.ts";
import { formatTag } from "../core/tag.ts";
import { uidName } from "../core/uid_registry.ts";
import { vrInfo } from "../core/vr.ts";
import {
  type ConversationExchange,
  type ConversationMessage,
  exchangesOf,
  type RecordedConnection,
} from "./conversation.ts";
import { decodeMessageDataSet } from "./conversation_diff.ts";
import { extractDataSets, type ExtractedDataSet } from "./extract_data_sets.ts";

/** Options of `traceToScenario`. */
export interface ToScenarioOptions {
  /** The scenario's name. */
  name: string;
  /** Where the scenario imports `defineScenario` from (e.g. `"../sim.ts"`). */
  importFrom: string;
  /** The folder, relative to the scenario file, that holds the C-STORE files. */
  dataFolder: string;
  /** Text for the description (e.g. the trace's file name). */
  source?: string;
}

/** The scenario source and the files it reads. */
export interface GeneratedScenario {
  /** The TypeScript module. */
  source: string;
  /** The C-STORE files to write into `dataFolder`. */
  files: ExtractedDataSet[];
}

const q = (text: string) => JSON.stringify(text);
const hex = (n: number) => `0x${n.toString(16).padStart(4, "0").toUpperCase()}`;

/** The `roleSelections` lines of an associate call (C-GET needs the SCP role, PS3.7 D.3.3.4). */
function roleLines(
  roles: readonly { sopClassUid: string; scuRole: number; scpRole: number }[],
): string[] {
  if (roles.length === 0) return [];
  return [
    `        roleSelections: [`,
    ...roles.map((r) =>
      `          { sopClassUid: ${q(r.sopClassUid)}, scu: ${r.scuRole !== 0}, scp: ${
        r.scpRole !== 0
      } },`
    ),
    `        ],`,
  ];
}

/** An identifier as the runner's `Keyword=value` keys (sequences left out, noted). */
function identifierKeys(ds: DataSet): { keys: string[]; level?: string; skipped: string[] } {
  const keys: string[] = [];
  const skipped: string[] = [];
  let level: string | undefined;
  for (const el of ds) {
    const entry = lookupTag(el.tag);
    const keyword = entry?.keyword;
    if (el.tag === 0x00080052) {
      level = el.strings(ds.textDecoder())[0];
      continue;
    }
    if (el.tag === 0x00080005) continue; // set by the identifier builder when needed
    if (!keyword || vrInfo(el.vr).kind === "sequence" || vrInfo(el.vr).kind === "bytes") {
      skipped.push(keyword ?? formatTag(el.tag));
      continue;
    }
    const kind = vrInfo(el.vr).kind;
    const value = kind === "text"
      ? el.strings(ds.textDecoder()).join("\\")
      : Array.from(el.numbers() as ArrayLike<number | bigint>).join("\\");
    keys.push(value === "" ? keyword : `${keyword}=${value}`);
  }
  return { keys, level, skipped };
}

/**
 * Generates the scenario for the recorded connections.
 * @example
 * ```ts
 * import { traceToScenario } from "./to_scenario.ts";
 * const { source } = traceToScenario([], { name: "x", importFrom: "../sim.ts", dataFolder: "x.data" });
 * source.includes("defineScenario"); // true
 * ```
 */
export function traceToScenario(
  connections: readonly RecordedConnection[],
  options: ToScenarioOptions,
): GeneratedScenario {
  const { files } = extractDataSets(connections);
  const fileOf = new Map<ConversationMessage, string>();
  {
    let i = 0;
    for (const c of connections) {
      for (const m of c.messages) {
        if (m.message.type === "C-STORE-RQ" && m.dataSet && m.transferSyntax) {
          fileOf.set(m, files[i++]?.name ?? "");
        }
      }
    }
  }
  const body: string[] = [];
  let n = 0;
  for (const c of connections) {
    if (!c.request) continue;
    n++;
    const a = `a${n}`;
    const rq = c.request;
    body.push(
      `    // Connection ${n} (${c.id}): ${rq.callingAeTitle.trim()} -> ${rq.calledAeTitle.trim()}`,
    );
    const contexts = rq.presentationContexts.map((pc) =>
      `          { abstractSyntax: ${q(pc.abstractSyntax)}, transferSyntaxes: [${
        pc.transferSyntaxes.map(q).join(", ")
      }] }, // ${uidName(pc.abstractSyntax)}`
    );
    const response = c.response;
    let outcome = "";
    if (response?.type === "A-ASSOCIATE-RJ") {
      outcome =
        `.expectRejected({ result: ${response.result}, source: ${response.source}, reason: ${response.reason} })`;
    } else if (response?.type === "A-ASSOCIATE-AC") {
      outcome = ".expectAccepted()";
      for (const pc of response.presentationContexts) {
        const abstract = rq.presentationContexts.find((p) => p.id === pc.id)?.abstractSyntax;
        if (!abstract) continue;
        outcome += pc.result === 0
          ? `\n          .expectContextAccepted(${q(abstract)}, ${q(pc.transferSyntax ?? "")})`
          : `\n          .expectContextRejected(${q(abstract)})`;
      }
    }
    body.push(
      `    const ${a} = await ctx.step(${q(`associate ${n}`)}, async () =>`,
      `      (await ctx.associate({`,
      `        callingAeTitle: ${q(rq.callingAeTitle.trim())},`,
      `        contexts: [`,
      ...contexts,
      `        ],`,
      ...roleLines(rq.userInformation?.roleSelections ?? []),
      `      }))${outcome});`,
    );
    if (response?.type !== "A-ASSOCIATE-AC") continue;
    const exchanges = exchangesOf(c);
    const statusOf = (e: ConversationExchange) => {
      const final = e.final?.message;
      return final && "status" in final ? final.status : undefined;
    };
    for (let i = 0; i < exchanges.length; i++) {
      const m = exchanges[i].request;
      const type = m.message.type;
      const final = exchanges[i].final?.message;
      const status = statusOf(exchanges[i]);
      // The pending responses before the final one (C-FIND matches).
      const pending = exchanges[i].answers.filter((r) =>
        r !== exchanges[i].final && "status" in r.message
      ).length;
      if (type === "C-ECHO-RQ") {
        body.push(
          `    await ctx.step("C-ECHO", async () => (await ${a}.echo())${
            status === undefined ? "" : `.expectStatus(${hex(status)})`
          });`,
        );
      } else if (type === "C-STORE-RQ") {
        const run = [exchanges[i]];
        while (exchanges[i + 1]?.request.message.type === "C-STORE-RQ") run.push(exchanges[++i]);
        const statuses = run.map((e) => {
          const s = statusOf(e);
          return s === undefined ? "undefined" : hex(s);
        });
        const names = run.map((e) => `      file(${q(fileOf.get(e.request) ?? "")}),`);
        body.push(
          `    await ctx.step(${q(`C-STORE ${run.length} instance(s)`)}, async () => {`,
          `      const files = [`,
          ...names.map((l) => `  ${l}`),
          `      ];`,
          `      (await ${a}.store(files)).expectStatuses([${statuses.join(", ")}]);`,
          `    });`,
        );
      } else if (type === "C-FIND-RQ" || type === "C-MOVE-RQ" || type === "C-GET-RQ") {
        let ds: DataSet | undefined;
        try {
          ds = m.dataSet ? decodeMessageDataSet(m) : undefined;
        } catch {
          ds = undefined;
        }
        const { keys, level, skipped } = ds ? identifierKeys(ds) : { keys: [], skipped: [] };
        const sopClass = (m.message as { affectedSopClassUid: string }).affectedSopClassUid;
        const opts = [`sopClassUid: ${q(sopClass)}`];
        if (level) opts.unshift(`level: ${q(level)}`);
        if (type === "C-MOVE-RQ") {
          opts.unshift(
            `destination: ${q((m.message as { moveDestination: string }).moveDestination.trim())}`,
          );
        }
        const call = type === "C-FIND-RQ" ? "find" : type === "C-MOVE-RQ" ? "move" : "get";
        let expects = status === undefined ? "" : `.expectStatus(${hex(status)})`;
        if (type === "C-FIND-RQ") expects += `.expectMatches(${pending})`;
        const completed = (final as { numberOfCompletedSuboperations?: number } | undefined)
          ?.numberOfCompletedSuboperations;
        if (type === "C-MOVE-RQ" && completed !== undefined) {
          expects += `.expectCompleted(${completed})`;
        }
        if (type === "C-GET-RQ" && completed !== undefined) {
          expects += `.expectReceived(${completed})`;
        }
        if (skipped.length) {
          body.push(`    // Left out of the identifier (edit by hand): ${skipped.join(", ")}`);
        }
        body.push(
          `    await ctx.step(${q(type.replace("-RQ", ""))}, async () =>`,
          `      (await ${a}.${call}([`,
          ...keys.map((k) => `        ${q(k)},`),
          `      ], { ${opts.join(", ")} }))${expects});`,
        );
      } else {
        body.push(
          `    // ${type}: not expressible as a scenario step yet (recorded status ${
            status === undefined ? "none" : hex(status)
          })`,
        );
      }
    }
    if (c.end === "released") {
      body.push(`    await ctx.step("release ${n}", () => ${a}.release());`);
    } else if (c.end === "aborted") body.push(`    ${a}.abort();`);
    else body.push(`    // The recorded connection ended without A-RELEASE or A-ABORT (${c.end}).`);
  }
  const usesFiles = files.length > 0;
  const source = [
    `/**`,
    ` * Generated by \`dicomsim trace to-scenario\`${
      options.source ? ` from ${options.source}` : ""
    }: the requestor`,
    ` * side of ${n} recorded association(s), expecting what the recorded SCP answered. Edit freely.`,
    ` * @module`,
    ` */`,
    ...(usesFiles ? [`import { readFileSync } from "node:fs";`] : []),
    `import { defineScenario } from ${q(options.importFrom)};`,
    ``,
    ...(usesFiles
      ? [
        `/** A recorded C-STORE data set, as a Part 10 file beside this scenario. */`,
        `function file(name: string): Uint8Array {`,
        `  return readFileSync(new URL(${q(`./${options.dataFolder}/`)} + name, import.meta.url));`,
        `}`,
        ``,
      ]
      : []),
    `/** The scenario. */`,
    `export default defineScenario({`,
    `  name: ${q(options.name)},`,
    `  description: ${q(`Replays ${options.source ?? "a recording"} (${n} association(s))`)},`,
    `  steps: async (ctx) => {`,
    ...body,
    `  },`,
    `});`,
    ``,
  ].join("\n");
  return { source, files };
}
