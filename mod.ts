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
