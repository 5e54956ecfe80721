/**
 * dicomsim: a DICOM toolkit and protocol simulator for Deno and Bun.
 *
 * Read and write DICOM files in every uncompressed transfer syntax, carry compressed pixel data,
 * dump them like dcmdump or as DICOM JSON, and get pixel data as typed arrays.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom, writeDicom } from "./mod.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm"));
 * file.dataSet.getString("Modality"); // "CT"
 * file.dataSet.set("PatientID", "ANON-1");
 * const bytes = writeDicom(file.dataSet, "ExplicitVRBigEndian");
 * ```
 * @module
 */

// core: tags, VRs, dictionary, UIDs, transfer syntaxes, the data set model
export {
  formatTag,
  isPrivateCreatorTag,
  isPrivateTag,
  makeTag,
  parseTag,
  privateCreatorTagOf,
  type Tag,
  tagElement,
  tagGroup,
  tagToHex,
} from "./src/core/tag.ts";
export { isVr, type Vr, VR_INFO, type VrInfo, vrInfo, type VrKind } from "./src/core/vr.ts";
export {
  type DictionaryEntry,
  lookupKeyword,
  lookupPrivateTag,
  lookupTag,
  tagFromKeyword,
} from "./src/core/dictionary.ts";
export {
  isStorageSopClass,
  lookupUid,
  type UidEntry,
  uidFromKeyword,
  uidName,
  uidsOfType,
} from "./src/core/uid_registry.ts";
export {
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  type TransferSyntax,
  transferSyntax,
  transferSyntaxOrThrow,
  UnknownTransferSyntaxError,
} from "./src/core/transfer_syntax.ts";
export { DataElement, type Fragments, type NumericValues } from "./src/core/element.ts";
export { DataSet, resolveTag, type SetValue, type TagKey } from "./src/core/dataset.ts";
export { DicomValueError } from "./src/core/errors.ts";
export {
  formatPersonName,
  parsePersonName,
  type PersonName,
  type PersonNameGroup,
} from "./src/core/values/person_name.ts";
export {
  type DicomDate,
  type DicomDateTime,
  type DicomTime,
  formatDate,
  formatDateTime,
  formatTime,
  parseDate,
  parseDateTime,
  parseRange,
  parseTime,
} from "./src/core/values/date_time.ts";
export {
  formatDecimalString,
  formatIntegerString,
  parseDecimalString,
  parseIntegerString,
} from "./src/core/values/numeric_string.ts";
export { type Age, formatAgeString, parseAgeString } from "./src/core/values/age_string.ts";

// charset: Specific Character Set
export { SpecificCharacterSet } from "./src/charset/character_set.ts";
export { decodeText } from "./src/charset/decode_text.ts";
export { encodeText } from "./src/charset/encode_text.ts";
export { CharacterSetError } from "./src/charset/character_set_error.ts";

// codec: reading and writing data sets and files, DICOM JSON, dump
export {
  type Encoding,
  readDataSet,
  type ReadDataSetOptions,
  type ReadDataSetResult,
} from "./src/codec/read_dataset.ts";
export {
  type LengthMode,
  writeDataSet,
  type WriteDataSetOptions,
} from "./src/codec/write_dataset.ts";
export {
  type DicomFile,
  readDicom,
  type ReadFileOptions,
  recogniseTransferSyntax,
} from "./src/codec/read_file.ts";
export { buildFileMeta, writeDicom, type WriteFileOptions } from "./src/codec/write_file.ts";
export { DicomLimitError, DicomParseError, DicomWriteError } from "./src/codec/errors.ts";
export {
  dataSetFromJson,
  dataSetToJson,
  DicomJsonError,
  type DicomJsonObject,
} from "./src/codec/dicom_json.ts";
export { dumpDataSet, dumpFile, type DumpOptions } from "./src/codec/dump.ts";
export {
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
} from "./src/codec/implementation.ts";

// pixel: native and RLE pixel data as typed arrays, encapsulation
export { framePixels, imageDescriptionOf } from "./src/pixel/frame_pixels.ts";
export { type ImageDescription } from "./src/pixel/image_description.ts";
export {
  nativeFrame,
  nativeFrames,
  nativePixelData,
  type PixelArray,
} from "./src/pixel/native_pixels.ts";
export { decodeRleFrame, encodeRleFrame } from "./src/pixel/rle.ts";
export {
  type EncapsulatedPixelData,
  encapsulateFrames,
  frameBytes,
  frameFragments,
} from "./src/pixel/encapsulation.ts";
export { EncapsulationError, PixelDataError, RleError } from "./src/pixel/errors.ts";

// pixel: compressed syntaxes through one codec interface (WASM codecs loaded on first use)
export {
  compressedFrame,
  decodeCompressedFrame,
  decodeFrame,
  decodeFrameWithInfo,
  encodeFrame,
  type FrameWithInfo,
} from "./src/pixel/decode_frame.ts";
export {
  CodecUnavailableError,
  FrameDecodeError,
  FrameEncodeError,
} from "./src/pixel/codecs/codec_errors.ts";
export {
  CODEC_TRANSFER_SYNTAXES,
  decodableTransferSyntaxes,
  decoderFor,
  encodableTransferSyntaxes,
  encoderFor,
  registerDecoder,
} from "./src/pixel/codecs/codec_registry.ts";
export type {
  CodecEncodeOptions,
  DecodedFrame,
  EncodedFrame,
  PixelCodec,
} from "./src/pixel/codecs/pixel_codec.ts";

export {
  canTranscodePixelData,
  isLossyEncoding,
  TranscodeError,
  type TranscodeErrorLocation,
  transcodePixelData,
  type TranscodePixelDataOptions,
} from "./src/pixel/transcode_pixels.ts";

// pixel: LUTs (PS3.3 C.11), volumes, reslicing, pictures
export { applyLut, lookup, type Lut, lutFromItem, lutFromValues } from "./src/pixel/luts/lut.ts";
export {
  applyModalityLut,
  modalityRange,
  type ModalityTransform,
  modalityTransformOf,
} from "./src/pixel/luts/modality_lut.ts";
export {
  applyVoi,
  applyWindow,
  type VoiTransform,
  voiTransformOf,
  type Window,
  windowsOf,
  windowValue,
} from "./src/pixel/luts/voi_lut.ts";
export {
  applyPresentationShape,
  type PresentationLutShape,
  presentationShapeOf,
} from "./src/pixel/luts/presentation_lut.ts";
export { applyPalette, type Palette, paletteOf } from "./src/pixel/luts/palette_color.ts";
export { assembleVolume, type SliceInput, type Volume, VolumeError } from "./src/pixel/volume.ts";
export { type Plane, resampleToSquare, reslice, type SliceImage } from "./src/pixel/reslice.ts";
export {
  encodePicturePng,
  type Picture,
  renderFrame,
  renderMpr,
  WINDOW_PRESETS,
} from "./src/pixel/render.ts";

// Option and value types of the functions above.
export type { DecodeTextOptions } from "./src/charset/decode_text.ts";
export type { EncodeTextOptions } from "./src/charset/encode_text.ts";
export type {
  DataSetFromJsonOptions,
  DataSetToJsonOptions,
  DicomJsonAttribute,
  DicomJsonValue,
} from "./src/codec/dicom_json.ts";
export type { TextDecodeFn } from "./src/core/element.ts";
export type { AgeUnit } from "./src/core/values/age_string.ts";
export type { PersonNameJson } from "./src/core/values/person_name.ts";
export type {
  EncapsulatedFrames,
  EncapsulateOptions,
  FrameFragmentsOptions,
} from "./src/pixel/encapsulation.ts";
export type { NativeFrameOptions, NativePixelDataOptions } from "./src/pixel/native_pixels.ts";
export type { RleDecodeOptions } from "./src/pixel/rle.ts";
export type { LutDescriptor } from "./src/pixel/luts/lut.ts";
export type { OutputRange, VoiChoice, VoiFunction } from "./src/pixel/luts/voi_lut.ts";
export type { AssembleOptions, Vec3, VolumeProblem } from "./src/pixel/volume.ts";
export type { ResliceOptions, SquareOptions } from "./src/pixel/reslice.ts";
export type { MprOptions, MprPanel, RenderOptions, WindowPreset } from "./src/pixel/render.ts";
