/**
 * Instances on disk: an {@link InstanceStore} that writes each received instance durably (a
 * temporary name in the target folder, fsync, rename, folder fsync: PS3.4 B.2.2 lets the SCP
 * acknowledge only what it has stored), named by its sanitised SOP Instance UID; and reading
 * files to send (folders recursively) as {@link StoreSource}s.
 * @module
 */
import {
  close,
  closeSync,
  fstatSync,
  fsync,
  open,
  openSync,
  read,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { IncomingInstance, InstanceStore, InstanceWriter } from "./storage_scp.ts";
import type { StoreSource } from "./storage_scu.ts";

/**
 * A safe file name for a UID (or any text): letters, digits, `.`, `-` and `_` kept, anything
 * else replaced by `_`, at most 200 characters, never empty, `.` or `..`, never starting with `.`
 * (so that it is not hidden, and never one of our temporary names).
 * @example
 * ```ts
 * import { sanitiseFileName } from "./instance_store_fs.ts";
 * sanitiseFileName("1.2.840.113619.2.1"); // "1.2.840.113619.2.1"
 * sanitiseFileName("../etc/passwd"); // "_._etc_passwd"
 * ```
 */
export function sanitiseFileName(text: string): string {
  let name = text.replace(/[\0\s]+$/, "").replace(/[^0-9A-Za-z._-]/g, "_").slice(0, 200);
  if (name.startsWith(".")) name = "_" + name.slice(1);
  return name === "" ? "_" : name;
}

/**
 * The file name of a stored instance: its sanitised SOP Instance UID and `.dcm`.
 * @example
 * ```ts
 * import { instanceFileName } from "./instance_store_fs.ts";
 * instanceFileName("1.2.3"); // "1.2.3.dcm"
 * ```
 */
export function instanceFileName(sopInstanceUid: string): string {
  return `${sanitiseFileName(sopInstanceUid)}.dcm`;
}

/** Options of {@link createFsInstanceStore}. */
export interface FsInstanceStoreOptions {
  /**
   * fsync each file before renaming it into place, and the folder after (so that an
   * acknowledged instance survives a crash). Default true; false is faster and as safe as
   * DCMTK's storescp (which does not sync).
   */
  readonly sync?: boolean;
  /** Bytes gathered before a write is issued (fewer, larger writes). Default 256 KiB. */
  readonly flushBytes?: number;
  /** Names a file; default {@link instanceFileName} of the SOP Instance UID. */
  readonly fileName?: (instance: IncomingInstance) => string;
}

function promised<T>(start: (done: (error: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => error ? reject(error) : resolve(value));
  });
}

function openFile(path: string, flags: string): Promise<number> {
  return promised((done) => open(path, flags, 0o644, done));
}

function syncFd(fd: number): Promise<void> {
  return promised<void>((done) => fsync(fd, (e) => done(e, undefined)));
}

function closeFd(fd: number): Promise<void> {
  return promised<void>((done) => close(fd, (e) => done(e ?? null, undefined)));
}

function writeAllSync(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  // A short write (rare for files): continue after what was written.
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

let tempCounter = 0;

/** Reusable write buffers of one size (a store's), so that an instance costs no allocation. */
class BufferPool {
  readonly size: number;
  #free: Uint8Array[] = [];

  constructor(size: number) {
    this.size = size;
  }

  take(): Uint8Array {
    return this.#free.pop() ?? new Uint8Array(this.size);
  }

  give(buffer: Uint8Array): void {
    if (this.#free.length < 16) this.#free.push(buffer);
  }
}

class FsInstanceWriter implements InstanceWriter {
  readonly #path: string;
  readonly #temp: string;
  readonly #sync: boolean;
  readonly #pool: BufferPool;
  readonly #syncDirectory: () => Promise<void>;
  #fd: number | undefined;
  #error: unknown;
  #buffer: Uint8Array | undefined;
  #used = 0;
  #done = false;

  constructor(
    directory: string,
    name: string,
    options: { sync: boolean; pool: BufferPool; syncDirectory: () => Promise<void> },
  ) {
    this.#path = join(directory, name);
    tempCounter = (tempCounter + 1) % 1e9;
    this.#temp = join(directory, `.${name}.${tempCounter}.${Date.now().toString(36)}.part`);
    this.#sync = options.sync;
    this.#pool = options.pool;
    this.#syncDirectory = options.syncDirectory;
    // Opening, writing, closing and renaming go straight to the page cache: synchronous calls
    // cost a system call each, where the thread-pool versions cost several times that. Only the
    // fsyncs, which wait for the disk, run off the event loop.
    try {
      this.#fd = openSync(this.#temp, "wx", 0o644);
      this.#buffer = this.#pool.take();
    } catch (error) {
      this.#error = error;
    }
  }

  write(chunk: Uint8Array): void {
    if (this.#error !== undefined || this.#done) return;
    const buffer = this.#buffer!;
    try {
      if (this.#used + chunk.length > buffer.length) this.#flush();
      // Small fragments are gathered into one write; a large one goes out as it is.
      if (chunk.length * 2 > buffer.length) writeAllSync(this.#fd!, chunk);
      else {
        buffer.set(chunk, this.#used);
        this.#used += chunk.length;
      }
    } catch (error) {
      this.#error = error;
    }
  }

  #flush(): void {
    if (this.#used === 0) return;
    const used = this.#used;
    this.#used = 0;
    writeAllSync(this.#fd!, this.#buffer!.subarray(0, used));
  }

  #release(): void {
    if (this.#buffer !== undefined) this.#pool.give(this.#buffer);
    this.#buffer = undefined;
  }

  async commit(): Promise<string> {
    if (this.#done) throw new Error(`Cannot commit ${this.#path}: already finished`);
    if (this.#error === undefined) {
      try {
        this.#flush();
      } catch (error) {
        this.#error = error;
      }
    }
    this.#release();
    if (this.#error !== undefined) throw this.#error;
    const fd = this.#fd!;
    this.#fd = undefined;
    try {
      if (this.#sync) await syncFd(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(this.#temp, this.#path);
    this.#done = true;
    if (this.#sync) await this.#syncDirectory();
    return this.#path;
  }

  abort(): Promise<void> {
    if (this.#done) return Promise.resolve();
    this.#done = true;
    this.#release();
    const fd = this.#fd;
    this.#fd = undefined;
    try {
      if (fd !== undefined) closeSync(fd);
      unlinkSync(this.#temp);
    } catch {
      // Nothing was created, or it is gone already.
    }
    return Promise.resolve();
  }
}

/**
 * Syncs a folder so that renames in it are durable; calls that come while one runs share the
 * next run (one fsync serves every rename made before it started).
 */
function folderSyncer(directory: string): () => Promise<void> {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const once = async () => {
    const fd = await openFile(directory, "r");
    try {
      await syncFd(fd);
    } finally {
      await closeFd(fd);
    }
  };
  const run = (): Promise<void> => {
    if (running === undefined) {
      running = once().finally(() => running = undefined);
      return running;
    }
    queued ??= running.catch(() => {}).then(() => {
      queued = undefined;
      return run();
    });
    return queued;
  };
  return run;
}

/**
 * An instance store writing Part 10 files into `directory` (which must exist): each instance
 * goes to a temporary `.NAME.N.part` file in the same folder as it arrives (in writes of
 * `flushBytes`), and on commit is fsynced, closed, renamed to its final name (replacing an
 * earlier copy of the same instance) and the folder fsynced.
 * @example
 * ```ts ignore
 * import { listenAssociations } from "../net/association/accept_association.ts";
 * import { createFsInstanceStore } from "./instance_store_fs.ts";
 * import { storageScp } from "./storage_scp.ts";
 * const server = await listenAssociations({
 *   aeTitle: "DICOMSIM",
 *   ...storageScp({ store: createFsInstanceStore("/tmp/incoming") }),
 * });
 * ```
 */
export function createFsInstanceStore(
  directory: string,
  options: FsInstanceStoreOptions = {},
): InstanceStore {
  const sync = options.sync ?? true;
  const flushBytes = options.flushBytes ?? 256 * 1024;
  const naming = options.fileName ?? ((i: IncomingInstance) => instanceFileName(i.sopInstanceUid));
  const syncDirectory = folderSyncer(directory);
  const pool = new BufferPool(flushBytes);
  return {
    begin: (instance) =>
      new FsInstanceWriter(directory, naming(instance), { sync, pool, syncDirectory }),
  };
}

/**
 * Every file under the given paths: files as given, folders recursively (entries sorted by
 * name, hidden ones skipped). Throws for a path that does not exist.
 * @example
 * ```ts ignore
 * import { listFiles } from "./instance_store_fs.ts";
 * listFiles(["../shared/fixtures/pacsman-series"]).length; // 128
 * ```
 */
export function listFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (path: string, top: boolean) => {
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      if (top || stat.isFile()) out.push(path);
      return;
    }
    for (const name of readdirSync(path).sort()) {
      if (name.startsWith(".")) continue;
      walk(join(path, name), false);
    }
  };
  for (const path of paths) walk(path, true);
  return out;
}

/** Bytes read by a file source's `readHeader`. */
const HEADER_BYTES = 16 * 1024;

/**
 * Buffers that file sources read into and get back once their instance is sent. Reading a
 * half-megabyte file into a fresh buffer costs more than sending it (page faults, zeroing,
 * garbage collection), so a run of `store` reuses a handful instead.
 * @example
 * ```ts
 * import { ReadBufferPool } from "./instance_store_fs.ts";
 * const pool = new ReadBufferPool();
 * const buffer = pool.take(1000);
 * pool.give(buffer);
 * pool.take(900) === buffer; // true
 * ```
 */
export class ReadBufferPool {
  #free: Uint8Array[] = [];

  /** A buffer of at least `size` bytes: a free one that is large enough, or a new one. */
  take(size: number): Uint8Array {
    for (let i = this.#free.length - 1; i >= 0; i--) {
      if (this.#free[i].length >= size) return this.#free.splice(i, 1)[0];
    }
    // A little headroom lets files of similar sizes share buffers.
    return new Uint8Array(size + (size >> 3));
  }

  /** Returns a buffer for reuse (a few are kept). */
  give(buffer: Uint8Array): void {
    if (this.#free.length < 8) this.#free.push(buffer);
  }
}

/** Options of {@link fileSource}. */
export interface FileSourceOptions {
  /** Read into buffers of this pool, given back by `release`. Default: a new buffer per read. */
  readonly pool?: ReadBufferPool;
}

function readWhole(path: string, pool: ReadBufferPool | undefined): [Uint8Array, Uint8Array] {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const buffer = pool ? pool.take(size) : new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const n = readSync(fd, buffer, filled, size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return [buffer, buffer.subarray(0, filled)];
  } finally {
    closeSync(fd);
  }
}

/**
 * A {@link StoreSource} for a file: `read` reads it whole (synchronously: from the page cache
 * that is cheaper than a trip through the thread pool), `readHeader` its first 16 KiB, and
 * `release` gives the buffer back to the pool, if any.
 * @example
 * ```ts ignore
 * import { fileSource } from "./instance_store_fs.ts";
 * const bytes = await fileSource("ct.dcm").read();
 * ```
 */
export function fileSource(path: string, options: FileSourceOptions = {}): StoreSource {
  const pool = options.pool;
  let held: Uint8Array | undefined;
  return {
    name: path,
    read: () => {
      const [buffer, bytes] = readWhole(path, pool);
      if (pool && held) pool.give(held);
      held = buffer;
      return bytes;
    },
    release: () => {
      if (pool && held) pool.give(held);
      held = undefined;
    },
    readHeader: async () => {
      const fd = await openFile(path, "r");
      try {
        const buffer = new Uint8Array(HEADER_BYTES);
        let filled = 0;
        while (filled < HEADER_BYTES) {
          const n = await promised<number>((done) =>
            read(fd, buffer, filled, HEADER_BYTES - filled, null, done)
          );
          if (n === 0) break;
          filled += n;
        }
        return buffer.subarray(0, filled);
      } finally {
        await closeFd(fd);
      }
    },
  };
}

/**
 * File sources for many paths, sharing one {@link ReadBufferPool} (what `dicomsim store` uses).
 * @example
 * ```ts ignore
 * import { fileSources, listFiles } from "./instance_store_fs.ts";
 * const sources = fileSources(listFiles(["series/"]));
 * ```
 */
export function fileSources(paths: readonly string[]): StoreSource[] {
  const pool = new ReadBufferPool();
  return paths.map((path) => fileSource(path, { pool }));
}
