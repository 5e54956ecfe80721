/**
 * 12-bit DCT JPEG (JPEG extended, process 2 & 4, PS3.5 8.2.1: transfer syntax
 * 1.2.840.10008.1.2.4.51 with 12-bit samples) through the WebAssembly build of DCMTK's codecs
 * in `dcmjs-codecs` (its IJG library is built for 8, 12 and 16 bits), loaded on first use. The
 * 8-bit frames stay with libjpeg-turbo; this one handles what that 8-bit build cannot.
 * @module
 */
import type { ImageDescription } from "../image_description.ts";
import type { DecodedFrame } from "./pixel_codec.ts";

interface NativeContext {
  getDecodedBuffer(): Uint8Array | undefined;
}

interface DcmjsCodecs {
  NativeCodecs: {
    initializeAsync(opts: { webAssemblyModulePathOrUrl?: string }): Promise<void>;
    isInitialized(): boolean;
    decodeJpeg(
      context: NativeContext,
      parameters?: { convertColorspaceToRgb?: boolean },
    ): NativeContext;
  };
  Context: new (attrs: Record<string, unknown>) => NativeContext;
}

let loading: Promise<DcmjsCodecs> | undefined;

function load(): Promise<DcmjsCodecs> {
  loading ??= (async () => {
    const imported = await import("dcmjs-codecs") as { default?: DcmjsCodecs } & DcmjsCodecs;
    const codecs = imported.default ?? imported;
    if (!codecs.NativeCodecs.isInitialized()) {
      // The .wasm file sits beside the package's script.
      const wasm = new URL("./dcmjs-native-codecs.wasm", import.meta.resolve("dcmjs-codecs"));
      await codecs.NativeCodecs.initializeAsync({
        webAssemblyModulePathOrUrl: wasm.protocol === "file:"
          ? decodeURIComponent(wasm.pathname)
          : wasm.href,
      });
    }
    return codecs;
  })();
  loading.catch(() => loading = undefined);
  return loading;
}

/**
 * Decodes one 12-bit (or other non-8-bit) DCT JPEG frame; colour frames come out RGB.
 * @throws {Error} the codec module fails to load or the codestream does not decode
 * @example
 * ```ts ignore
 * import { decodeIjg12Frame } from "./ijg12_codec.ts";
 * const decoded = await decodeIjg12Frame(frame, description);
 * decoded.bytes.length; // rows * columns * 2
 * ```
 */
export async function decodeIjg12Frame(
  frame: Uint8Array,
  d: ImageDescription,
): Promise<DecodedFrame> {
  const { NativeCodecs, Context } = await load();
  const colour = d.samplesPerPixel === 3;
  const context = new Context({
    width: d.columns,
    height: d.rows,
    bitsAllocated: d.bitsAllocated,
    bitsStored: d.bitsStored,
    samplesPerPixel: d.samplesPerPixel,
    pixelRepresentation: d.pixelRepresentation,
    planarConfiguration: 0,
    photometricInterpretation: d.photometricInterpretation.trim(),
    encodedBuffer: frame,
  });
  const decoded = NativeCodecs.decodeJpeg(context, { convertColorspaceToRgb: colour })
    .getDecodedBuffer();
  const expected = d.rows * d.columns * d.samplesPerPixel * (d.bitsAllocated / 8);
  if (decoded === undefined || decoded.length < expected) {
    throw new Error(
      `The JPEG decoded to ${decoded?.length ?? 0} bytes, not the ${expected} the image needs`,
    );
  }
  return {
    bytes: decoded.slice(0, expected),
    photometricInterpretation: colour ? "RGB" : d.photometricInterpretation.trim(),
    planarConfiguration: 0,
  };
}
