/**
 * Where the mock PACS keeps its files: an {@link InstanceStore} for incoming instances plus a way
 * to read them back and to list them (to rebuild the index on start). A folder
 * (`createFsPacsStorage` in `pacs_storage_fs.ts`) or memory ({@link createMemoryPacsStorage}).
 * @module
 */
import { type InstanceStore, MemoryInstanceStore } from "../../services/storage_scp.ts";

/**
 * The storage behind a mock PACS.
 * @example
 * ```ts
 * import { createMemoryPacsStorage, type PacsStorage } from "./pacs_storage.ts";
 * const storage: PacsStorage = createMemoryPacsStorage();
 * ```
 */
export interface PacsStorage {
  /** Receives instances; `commit` resolves with the location. */
  readonly store: InstanceStore;
  /** The Part 10 bytes at a location. */
  read(location: string): Uint8Array | Promise<Uint8Array>;
  /** Removes a stored file (one that turned out not to parse). */
  remove(location: string): void | Promise<void>;
  /** Every stored location (files that are not complete are not listed). */
  list(): readonly string[] | Promise<readonly string[]>;
}

/**
 * A storage in memory (tests): locations are `memory:` + SOP Instance UID.
 * @example
 * ```ts
 * import { createMemoryPacsStorage } from "./pacs_storage.ts";
 * const storage = createMemoryPacsStorage();
 * storage.list(); // []
 * ```
 */
export function createMemoryPacsStorage(
  store: MemoryInstanceStore = new MemoryInstanceStore(),
): PacsStorage & { readonly memory: MemoryInstanceStore } {
  const uidOf = (location: string) => location.replace(/^memory:/, "");
  return {
    memory: store,
    store,
    read(location) {
      const bytes = store.files.get(uidOf(location));
      if (bytes === undefined) throw new RangeError(`No stored instance: ${location}`);
      return bytes;
    },
    remove(location) {
      store.files.delete(uidOf(location));
    },
    list: () => [...store.files.keys()].map((uid) => `memory:${uid}`),
  };
}
