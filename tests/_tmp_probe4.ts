import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { readDicom } from "../src/codec/read_file.ts";
import { dumpFile } from "../src/codec/dump.ts";
import { fixtureRows } from "./_fixtures.ts";
const norm = (l: string) => l.replace(/^(\s*\([0-9a-f,]+\)) (..) .*# +(\S+), *(\d+) .*$/, "$1 $2 $3 $4");
const norm0 = (l: string) => l.replace(/^(\s*\([0-9a-f,]+\) (FL|FD|OF|OD)) .*?( #.*)$/, "$1 X $3").replace(/^(\s*\([0-9a-f,]+\) UI) =\S+\s*( #.*)$/, "$1 =X $2").replace(/\s+#/, " #");
let diffs = 0; const samples: string[] = [];
for (const row of fixtureRows().filter((r) => r.dcmdumpRc === 0)) {
  let ours: string;
  try { ours = dumpFile(readDicom(readFileSync(row.path), { lenient: true })); } catch (e) { console.log("THROW", row.path, (e as Error).message); continue; }
  const theirs = spawnSync("dcmdump", ["-q", row.path], { encoding: "utf8", maxBuffer: 1 << 26 }).stdout;
  const a = ours.split("\n").map(norm), b = theirs.split("\n").map(norm);
  const n = Math.max(a.length, b.length);
  let fileDiffs = 0;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) { fileDiffs++; if (a[i]?.split(" ")[0].trim() === b[i]?.split(" ")[0].trim() && a[i]?.split(" ").slice(-2).join() !== b[i]?.split(" ").slice(-2).join()) samples.push(`${row.path.replace(/.*fixtures\//, "")}:${i}\n  < ${a[i]}\n  > ${b[i]}`); }
  if (fileDiffs) diffs++;
}
console.log(diffs, "files differ");
console.log(samples.join("\n"));
