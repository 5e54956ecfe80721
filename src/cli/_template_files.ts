/**
 * Reads the files of a template folder (sorted by name, not recursive) for template mode.
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "./usage_error.ts";

/** A template file: its name in the folder and its bytes. */
export interface TemplateFile {
  /** File name (no folder). */
  readonly name: string;
  /** The file's bytes. */
  readonly bytes: Uint8Array;
}

/**
 * The regular files of a folder, sorted by name; throws {@link UsageError} when there are none.
 * @example
 * ```ts ignore
 * import { readTemplateFiles } from "./_template_files.ts";
 * readTemplateFiles("../shared/fixtures/pacsman-series/dicomseries").length; // 128
 * ```
 */
export function readTemplateFiles(dir: string): TemplateFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    throw new UsageError(`Cannot read the template folder: ${(error as Error).message}`);
  }
  const files = names
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
  if (files.length === 0) throw new UsageError(`No files in the template folder: ${dir}`);
  return files;
}
