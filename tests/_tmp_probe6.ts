import { readFileSync } from "node:fs";
import { readDicom } from "../src/codec/read_file.ts";
import { dumpFile } from "../src/codec/dump.ts";
import { fixtureRows } from "./_fixtures.ts";
const t = performance.now();
let n = 0, bytes = 0;
for (const row of fixtureRows()) {
  let f;
  try { f = readDicom(readFileSync(row.path), { lenient: true }); } catch { continue; }
  n++; bytes += dumpFile(f).length;
}
console.log(n, bytes, performance.now() - t);
