import { readFileSync } from "node:fs";
import { readDicom } from "../src/codec/read_file.ts";
import { dumpFile } from "../src/codec/dump.ts";
const r = readDicom(readFileSync(Deno.args[0]), { lenient: true });
console.log(dumpFile(r));
