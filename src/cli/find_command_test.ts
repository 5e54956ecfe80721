import assert from "node:assert/strict";
import { DataSet } from "../core/dataset.ts";
import { listenAssociations } from "../net/association/accept_association.ts";
import { findScp } from "../services/find_scp.ts";
import { queryDataSets } from "../services/query_match.ts";
import { MODALITY_WORKLIST_FIND, STUDY_ROOT_FIND } from "../services/query_models.ts";
import { runCli } from "./main.ts";

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

Deno.test("find, move and get: --help exits 0, bad usage exits 2", async () => {
  for (const name of ["find", "move", "get"]) {
    const help = await cli([name, "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.out, new RegExp(`^Usage: dicomsim ${name} HOST:PORT`));
  }
  for (
    const args of [
      ["find", "127.0.0.1:104"], // no --level
      ["find", "127.0.0.1:104", "--level", "FRAME"],
      ["find", "127.0.0.1:104", "--level", "PATIENT", "--model", "study"],
      ["find", "127.0.0.1:104", "--level", "STUDY", "-k", "NoSuchKey=1"],
      ["find", "127.0.0.1:104", "--level", "STUDY", "--cancel-after", "0"],
      ["find", "--level", "STUDY"],
      ["move", "127.0.0.1:104", "--level", "STUDY"], // no --dest
      ["move", "127.0.0.1:104", "--dest", "X", "--level", "STUDY", "--model", "worklist"],
      ["get", "127.0.0.1:104", "--level", "STUDY"], // no --out
      ["get", "127.0.0.1:104", "--out", "/tmp/x", "--level", "STUDY", "--bogus"],
    ]
  ) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.err, /Usage: dicomsim /);
  }
});

Deno.test("find --model worklist with nested keys, as text and as DICOM JSON", async () => {
  const item = (modality: string, ae: string) => {
    const step = new DataSet();
    step.set("Modality", modality);
    step.set("ScheduledStationAETitle", ae);
    const ds = new DataSet();
    ds.set("PatientID", `P-${modality}`);
    ds.set("ScheduledProcedureStepSequence", [step]);
    return ds;
  };
  const worklist = [item("CT", "CT1"), item("MR", "MR1"), item("CT", "CT2")];
  const identifiers: DataSet[] = [];
  const server = await listenAssociations({
    aeTitle: "WORKLIST",
    listen: { host: "127.0.0.1", port: 0 },
    supported: [MODALITY_WORKLIST_FIND, STUDY_ROOT_FIND].map((abstractSyntax) => ({
      abstractSyntax,
      transferSyntaxes: ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"],
    })),
    onRequest: findScp({
      match: (identifier) => {
        identifiers.push(identifier);
        return queryDataSets(worklist, identifier);
      },
    }),
  });
  try {
    const base = [`127.0.0.1:${server.port}`, "--aec", "WORKLIST", "--model", "worklist"];
    const keys = [
      "-k",
      "PatientID",
      "-k",
      "ScheduledProcedureStepSequence[0].Modality=CT",
      "-k",
      "ScheduledProcedureStepSequence[0].ScheduledStationAETitle",
    ];
    const text = await cli(["find", ...base, ...keys]);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /# Match 2\n/);
    assert.match(text.out, /\(0040,0001\) AE \[CT2\]/);
    assert.match(text.out, /2 match\(es\), final status 0x0000/);
    assert.equal(identifiers[0].has("QueryRetrieveLevel"), false);
    const json = await cli(["find", ...base, ...keys, "--json"]);
    assert.equal(json.code, 0, json.err);
    const matches = JSON.parse(json.out) as Record<string, { Value?: unknown[] }>[];
    assert.deepEqual(matches.map((m) => m["00100020"].Value), [["P-CT"], ["P-CT"]]);
    // Study Root at STUDY level, the default model for that level.
    const study = await cli(["find", ...base.slice(0, 3), "--level", "STUDY", "--aet", "ME"]);
    assert.equal(study.code, 0, study.err);
    const refused = await cli([
      "find",
      `127.0.0.1:${server.port}`,
      "--aec",
      "WORKLIST",
      "--model",
      "patient",
      "--level",
      "PATIENT",
    ]);
    assert.equal(refused.code, 1); // Patient Root not accepted: no context
    assert.match(refused.err, /^E: find .*No accepted presentation context/m);
  } finally {
    await server.close();
  }
});
