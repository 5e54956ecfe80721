/**
 * Writing instances received by a C-GET (or any C-STORE) into a folder as Part 10 files.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type EncodedInstance, instanceToPart10 } from "./encoded_instance.ts";

// One naming rule for received files: the storage SCP's.
export { instanceFileName } from "./instance_store_fs.ts";
import { instanceFileName } from "./instance_store_fs.ts";

/**
 * Writes an instance into `dir` (created when missing) as a Part 10 file named by
 * {@link instanceFileName}; the data set bytes are written as received. Returns the path.
 * @example
 * ```ts
 * import { writeInstanceFile } from "./get_output_fs.ts";
 * writeInstanceFile("/tmp/out", {
 *   sopClassUid: "1.2.840.10008.5.1.4.1.1.7", sopInstanceUid: "1.2.3",
 *   transferSyntaxUid: "1.2.840.10008.1.2", dataSet: new Uint8Array(0),
 * }); // "/tmp/out/1.2.3.dcm"
 * ```
 */
export function writeInstanceFile(dir: string, instance: EncodedInstance): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, instanceFileName(instance.sopInstanceUid));
  writeFileSync(path, instanceToPart10(instance));
  return path;
}
