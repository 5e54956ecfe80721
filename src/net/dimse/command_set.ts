/**
 * Command set bytes (PS3.7 6.3.1): group 0000 elements, always implicit VR little endian,
 * headed by (0000,0000) Command Group Length.
 * @module
 */
import { ByteWriter } from "../../codec/byte_writer.ts";
import { DicomLimitError, DicomParseError } from "../../codec/errors.ts";
import { type Encoding, readDataSet } from "../../codec/read_dataset.ts";
import { writeDataSetTo } from "../../codec/write_dataset.ts";
import { DataSet } from "../../core/dataset.ts";
import { DataElement } from "../../core/element.ts";
import type { Tag } from "../../core/tag.ts";
import { DimseDecodeError } from "./errors.ts";

/** PS3.7 6.3.1: command sets are implicit VR little endian whatever the transfer syntax. */
const IMPLICIT_VR_LE: Encoding = { explicitVr: false, littleEndian: true };

/** (0000,0000) Command Group Length. */
const COMMAND_GROUP_LENGTH: Tag = 0x00000000;

/** (0000,0800) Command Data Set Type. */
const COMMAND_DATA_SET_TYPE: Tag = 0x00000800;

/**
 * Command Data Set Type (0000,0800) value meaning "no data set follows" (PS3.7 Table E.1-1);
 * any other value means one follows.
 * @example
 * ```ts
 * import { DATA_SET_TYPE_NONE } from "./command_set.ts";
 * DATA_SET_TYPE_NONE; // 0x0101
 * ```
 */
export const DATA_SET_TYPE_NONE = 0x0101;

/**
 * The Command Data Set Type value written when a data set follows: 0x0001, as DCMTK
 * (`DIMSE_DATASET_PRESENT`) and pynetdicom send it.
 * @example
 * ```ts
 * import { DATA_SET_TYPE_PRESENT } from "./command_set.ts";
 * DATA_SET_TYPE_PRESENT; // 0x0001
 * ```
 */
export const DATA_SET_TYPE_PRESENT = 0x0001;

/**
 * Encodes a command set in implicit VR little endian with (0000,0000) Command Group Length
 * computed over the group 0000 elements that follow it (added when the data set has none).
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { encodeCommand } from "./command_set.ts";
 * const ds = new DataSet();
 * ds.set("CommandField", 0x0030);
 * encodeCommand(ds).length; // 22: group length (12 bytes) + Command Field (10 bytes)
 * ```
 */
export function encodeCommand(dataSet: DataSet): Uint8Array {
  let source = dataSet;
  if (dataSet.get(COMMAND_GROUP_LENGTH)?.vr !== "UL") {
    source = new DataSet([DataElement.fromNumbers(COMMAND_GROUP_LENGTH, "UL", [0])]);
    for (const e of dataSet.elements()) if (e.tag !== COMMAND_GROUP_LENGTH) source.add(e);
  }
  // The writer recomputes every (gggg,0000) UL group length from what follows it.
  const writer = new ByteWriter(true, 256);
  writeDataSetTo(writer, source, IMPLICIT_VR_LE);
  return writer.finish();
}

/** Options for `decodeCommand`. */
export interface DecodeCommandOptions {
  /** Receives warnings about tolerated defects (a wrong group length, odd lengths). Default: none. */
  onWarning?: (message: string) => void;
}

/**
 * Decodes command set bytes (implicit VR little endian, PS3.7 6.3.1) into a data set whose values
 * are views into `bytes`. Throws `DimseDecodeError` with the offset on malformed bytes.
 * @example
 * ```ts
 * import { decodeCommand } from "./command_set.ts";
 * // (0000,0100) US 0x0030
 * const bytes = new Uint8Array([0, 0, 0, 1, 2, 0, 0, 0, 0x30, 0]);
 * decodeCommand(bytes).getNumber("CommandField"); // 0x0030
 * ```
 */
export function decodeCommand(bytes: Uint8Array, options: DecodeCommandOptions = {}): DataSet {
  if (bytes.length === 0) throw new DimseDecodeError("Command set is empty", 0);
  let result;
  try {
    result = readDataSet(bytes, IMPLICIT_VR_LE, { onWarning: options.onWarning });
  } catch (error) {
    if (error instanceof DicomParseError) {
      throw new DimseDecodeError(error.detail, error.offset, { cause: error });
    }
    if (error instanceof DicomLimitError) {
      throw new DimseDecodeError(error.message, error.offset ?? 0, { cause: error });
    }
    throw error;
  }
  if (result.encoding.explicitVr) {
    // The reader follows bytes that look explicit; a command set never may be (PS3.7 6.3.1).
    throw new DimseDecodeError("Command set is explicit VR; PS3.7 6.3.1 requires implicit VR", 0);
  }
  return result.dataSet;
}

/**
 * Reads one US value from command set bytes without decoding them: walks the implicit VR little
 * endian element headers. Undefined when the element is absent, not 2 bytes long, or the bytes
 * cannot be walked (truncated, undefined length).
 * @example
 * ```ts
 * import { peekCommandUint16 } from "./command_set.ts";
 * const bytes = new Uint8Array([0, 0, 0, 8, 2, 0, 0, 0, 1, 1]); // (0000,0800) US 0x0101
 * peekCommandUint16(bytes, 0x00000800); // 0x0101
 * ```
 */
export function peekCommandUint16(command: Uint8Array, tag: Tag): number | undefined {
  const value = commandValue(command, tag);
  if (value === undefined || value.length !== 2) return undefined;
  return value[0] | (value[1] << 8);
}

/**
 * The value of one element of command set bytes, as a view of them (so that a proxy can rewrite
 * it in place), found by walking the implicit VR little endian element headers. Undefined when
 * the element is absent or the bytes cannot be walked (truncated, undefined length).
 * @example
 * ```ts
 * import { commandValue } from "./command_set.ts";
 * const bytes = new Uint8Array([0, 0, 0, 8, 2, 0, 0, 0, 1, 1]); // (0000,0800) US 0x0101
 * commandValue(bytes, 0x00000800)?.byteOffset; // 8
 * ```
 */
export function commandValue(command: Uint8Array, tag: Tag): Uint8Array | undefined {
  const view = new DataView(command.buffer, command.byteOffset, command.byteLength);
  let pos = 0;
  while (pos + 8 <= command.length) {
    const at = view.getUint16(pos, true) * 0x10000 + view.getUint16(pos + 2, true);
    const length = view.getUint32(pos + 4, true);
    pos += 8;
    if (length === 0xffffffff || length > command.length - pos) return undefined;
    if (at === tag) return command.subarray(pos, pos + length);
    pos += length;
  }
  return undefined;
}

/**
 * True when the command says a data set follows (Command Data Set Type other than 0x0101),
 * false when it says none; undefined when the command has no readable (0000,0800).
 * @example
 * ```ts
 * import { commandHasDataSet } from "./command_set.ts";
 * commandHasDataSet(new Uint8Array([0, 0, 0, 8, 2, 0, 0, 0, 1, 1])); // false
 * ```
 */
export function commandHasDataSet(command: Uint8Array): boolean | undefined {
  const type = peekCommandUint16(command, COMMAND_DATA_SET_TYPE);
  return type === undefined ? undefined : type !== DATA_SET_TYPE_NONE;
}
