/**
 * Helpers the codecs share: lazily loaded emscripten modules that are thrown away after a wasm
 * trap, copying decoded samples into native bytes, and turning anything thrown into a message.
 * @module
 */
import { PixelDataError } from "../errors.ts";
import type { ImageDescription } from "../image_description.ts";
import { nativePixelData } from "../native_pixels.ts";

/** Frame information the cornerstone WebAssembly codecs report. */
export interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

/** The embind decoder classes of the cornerstone WebAssembly codecs share this shape. */
export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

/** An instantiated emscripten module and the lines it printed since the last `log.length = 0`. */
export interface LoadedModule<M> {
  module: M;
  log: string[];
}

/**
 * A lazily instantiated emscripten module: `get` imports and instantiates it on first use (a
 * failed load is not cached); `reset` drops it, so the next `get` makes a fresh instance (used
 * after any decode failure: some codecs keep state that a corrupt codestream leaves broken).
 */
export interface LazyModule<M> {
  get(): Promise<LoadedModule<M>>;
  reset(): void;
}

/** Makes a `LazyModule` from a dynamic import of an emscripten factory. */
export function lazyModule<M>(importer: () => Promise<unknown>): LazyModule<M> {
  let cached: Promise<LoadedModule<M>> | undefined;
  const load = async (): Promise<LoadedModule<M>> => {
    const log: string[] = [];
    const push = (line: unknown) => {
      if (log.length < 100) log.push(String(line));
    };
    const module = await instantiate<M>(await importer(), { print: push, printErr: push });
    return { module, log };
  };
  return {
    get() {
      if (cached === undefined) {
        const p = load();
        cached = p;
        p.catch(() => {
          if (cached === p) cached = undefined;
        });
      }
      return cached;
    },
    reset() {
      cached = undefined;
    },
  };
}

/** Calls an emscripten module's factory, whether the import gave it as default or as module. */
async function instantiate<T>(imported: unknown, options: Record<string, unknown>): Promise<T> {
  const m = imported as { default?: unknown };
  const factory = (typeof m.default === "function" ? m.default : imported) as (
    o: Record<string, unknown>,
  ) => Promise<T>;
  if (typeof factory !== "function") {
    throw new TypeError("Codec module does not export an emscripten factory");
  }
  return await factory(options);
}

/** What `runWasmDecoder` returns: the frame info, a copy of the decoded bytes, and extras. */
export interface WasmDecoded<X> {
  info: WasmFrameInfo;
  bytes: Uint8Array;
  extra: X;
}

/**
 * Runs one decode on a fresh embind decoder of `lazy`'s module: copies `frame` in, decodes,
 * copies the result out, deletes the decoder. Any failure (a thrown exception, an `[ERROR]` line
 * printed, an empty result) rejects with the codec's own words; all but a plain C++ exception
 * also reset the module.
 */
export async function runWasmDecoder<M, X>(
  lazy: LazyModule<M>,
  make: (module: M) => WasmDecoder,
  frame: Uint8Array,
  extra: (decoder: WasmDecoder) => X,
): Promise<WasmDecoded<X>> {
  const loaded = await lazy.get();
  loaded.log.length = 0;
  let decoder: WasmDecoder | undefined;
  try {
    decoder = make(loaded.module);
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    const errors = loaded.log.filter((line) => /error/i.test(line));
    const info = decoder.getFrameInfo();
    const out = decoder.getDecodedBuffer();
    if (errors.length > 0 || info.width === 0 || out.length === 0) {
      throw new Error(errors.length > 0 ? cleanLog(errors) : "the codec decoded nothing");
    }
    return { info: { ...info }, bytes: out.slice(), extra: extra(decoder) };
  } catch (error) {
    // A C++ exception (thrown as a number) leaves the module usable; a trap, an abort or an
    // error the codec only printed (OpenJPEG keeps broken state then) does not: start afresh.
    if (typeof error !== "number" || loaded.log.some((line) => /error/i.test(line))) {
      lazy.reset();
    }
    if (error instanceof Error) throw error;
    const printed = loaded.log.filter((line) => !/\[INFO\]/.test(line));
    throw new Error(printed.length > 0 ? cleanLog(printed) : reasonOf(error));
  } finally {
    try {
      decoder?.delete();
    } catch {
      // The module is being thrown away anyway.
    }
  }
}

function cleanLog(lines: string[]): string {
  return lines.map((l) => l.replace(/^\[ERROR\]\s*/, "").trim()).join("; ");
}

/** A readable reason for anything thrown (emscripten may throw numbers or strings). */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "number") return `codec exception ${error}`;
  return String(error);
}

/**
 * Native little-endian bytes of one frame of `d` from decoded samples (row-major, in the order
 * `planarConfiguration` says): each sample masked to Bits Stored (PS3.5 8.1.1), 1-bit samples
 * packed. Throws a `PixelDataError` when the sample count is wrong.
 */
export function samplesToNative(
  samples: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array,
  d: ImageDescription,
  photometricInterpretation: string,
  planarConfiguration: 0 | 1,
): Uint8Array {
  const expected = d.rows * d.columns * d.samplesPerPixel;
  if (samples.length !== expected) {
    throw new PixelDataError(
      `Decoded ${samples.length} samples, the image needs ${expected} (${d.rows} rows, ` +
        `${d.columns} columns, ${d.samplesPerPixel} samples per pixel)`,
    );
  }
  const bytesPerSample = samples.BYTES_PER_ELEMENT;
  // Bits above High Bit may be left as the codec gave them: readers mask them (PS3.5 8.1.1).
  if (bytesPerSample * 8 === d.bitsAllocated && HOST_LITTLE_ENDIAN) {
    return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength).slice();
  }
  const one: ImageDescription = {
    ...d,
    numberOfFrames: 1,
    photometricInterpretation,
    planarConfiguration,
  };
  const packed = nativePixelData([samples], one, { planar: "as-stored" });
  const length = d.bitsAllocated === 1 ? Math.ceil(expected / 8) : expected * (d.bitsAllocated / 8);
  return packed.subarray(0, length);
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Checks the size a codestream header declares before decoding, so that a corrupt header cannot
 * make a codec allocate and decode a huge image. `undefined` (header not found) passes: the codec
 * then reports the problem itself.
 */
export function checkHeaderSize(
  header: { width: number; height: number; components: number } | undefined,
  d: ImageDescription,
): void {
  if (header === undefined) return;
  checkFrameInfo(
    { width: header.width, height: header.height, componentCount: header.components },
    d,
  );
}

/** Checks decoded dimensions against the description; throws a `PixelDataError` naming both. */
export function checkFrameInfo(
  info: { width: number; height: number; componentCount: number },
  d: ImageDescription,
): void {
  if (
    info.width !== d.columns || info.height !== d.rows || info.componentCount !== d.samplesPerPixel
  ) {
    throw new PixelDataError(
      `Codestream is ${info.width}x${info.height} with ${info.componentCount} components, the ` +
        `data set says ${d.columns}x${d.rows} with ${d.samplesPerPixel}`,
    );
  }
}
