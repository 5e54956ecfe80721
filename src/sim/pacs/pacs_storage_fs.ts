/**
 * The mock PACS storage in a folder: durable writes (temporary name, fsync, rename, folder
 * fsync: `createFsInstanceStore`), reading back, and listing the `.dcm` files on start (leftover
 * temporary `.part` files of an interrupted transfer are removed).
 * @module
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createFsInstanceStore } from "../../services/instance_store_fs.ts";
import type { PacsStorage } from "./pacs_storage.ts";

/** Options of {@link createFsPacsStorage}. */
export interface FsPacsStorageOptions {
  /** fsync before acknowledging. Default true. */
  readonly sync?: boolean;
}

/**
 * A storage writing Part 10 files named by SOP Instance UID into `directory` (created if missing).
 * @example
 * ```ts ignore
 * import { createFsPacsStorage } from "./pacs_storage_fs.ts";
 * const storage = createFsPacsStorage("/tmp/pacs");
 * ```
 */
export function createFsPacsStorage(
  directory: string,
  options: FsPacsStorageOptions = {},
): PacsStorage {
  mkdirSync(directory, { recursive: true });
  return {
    store: createFsInstanceStore(directory, { sync: options.sync ?? true }),
    read: (location) => readFileSync(location),
    remove: (location) => rmSync(location, { force: true }),
    list: () => {
      const out: string[] = [];
      for (const name of readdirSync(directory).sort()) {
        const path = join(directory, name);
        // An interrupted transfer leaves ".NAME.N.part": never acknowledged, so remove it.
        if (name.startsWith(".") && name.endsWith(".part")) {
          rmSync(path, { force: true });
          continue;
        }
        if (name.startsWith(".") || !name.endsWith(".dcm")) continue;
        out.push(path);
      }
      return out;
    },
  };
}
