import { readFileSync } from "node:fs";
import { readDicom } from "../src/codec/read_file.ts";
for (const f of Deno.args) {
  const r = readDicom(readFileSync(f), { lenient: true });
  console.log(f, r.transferSyntaxUid, r.warnings, r.dataSet.elements().map((e) => e.tag.toString(16) + e.vr));
}
