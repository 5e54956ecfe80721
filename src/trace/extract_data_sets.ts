/**
 * The data sets that went over the wire, as Part 10 files (like Wireshark's "Export Objects ›
 * DICOM"): every C-STORE instance, and on request every other data set (C-FIND identifiers,
 * N-CREATE attributes, ...), kept byte for byte in the transfer syntax they travelled in.
 * @module
 */
import { decodeDataSet } from "../services/_dataset_bytes.ts";
import { instanceToPart10 } from "../services/encoded_instance.ts";
import type { RecordedConnection } from "./conversation.ts";

/** One extracted data set. */
export interface ExtractedDataSet {
  /** A file name: `NNNN_<message type>_<SOP Instance UID>.dcm`, unique within the extraction. */
  readonly name: string;
  /** The Part 10 file. */
  readonly bytes: Uint8Array;
  /** The recorded connection it came from (trace `conn`). */
  readonly connection: string;
  /** The DIMSE message that carried it, e.g. `"C-STORE-RQ"`. */
  readonly messageType: string;
}

/** Options of `extractDataSets`. */
export interface ExtractOptions {
  /** Also data sets of other messages than C-STORE-RQ. Default false. */
  all?: boolean;
}

/** A data set that cannot be written as a file, and why. */
export interface ExtractProblem {
  /** The connection. */
  readonly connection: string;
  /** 1-based message index in the connection. */
  readonly message: number;
  /** Why. */
  readonly reason: string;
}

function uidOf(bytes: Uint8Array, tsUid: string, tag: number): string | undefined {
  try {
    return decodeDataSet(bytes, tsUid).getString(tag);
  } catch {
    return undefined;
  }
}

/**
 * The data sets of the recorded connections as Part 10 files, with the problems met.
 * @example
 * ```ts
 * import { extractDataSets } from "./extract_data_sets.ts";
 * extractDataSets([]).files.length; // 0
 * ```
 */
export function extractDataSets(
  connections: readonly RecordedConnection[],
  options: ExtractOptions = {},
): { files: ExtractedDataSet[]; problems: ExtractProblem[] } {
  const files: ExtractedDataSet[] = [];
  const problems: ExtractProblem[] = [];
  for (const c of connections) {
    c.messages.forEach((m, i) => {
      if (!m.dataSet) return;
      const type = m.message.type;
      if (type !== "C-STORE-RQ" && !options.all) return;
      const problem = (reason: string) =>
        problems.push({ connection: c.id, message: i + 1, reason });
      if (!m.transferSyntax) {
        problem(
          `no accepted transfer syntax is recorded for presentation context ${m.presentationContextId}`,
        );
        return;
      }
      const command = m.message as {
        affectedSopClassUid?: string;
        affectedSopInstanceUid?: string;
      };
      const sopClassUid = command.affectedSopClassUid ??
        uidOf(m.dataSet, m.transferSyntax, 0x00080016) ??
        m.abstractSyntax ?? "";
      const sopInstanceUid = command.affectedSopInstanceUid ??
        uidOf(m.dataSet, m.transferSyntax, 0x00080018) ?? `2.25.${files.length + 1}`;
      const name = `${String(files.length + 1).padStart(4, "0")}_${type}_${sopInstanceUid}.dcm`;
      files.push({
        name,
        connection: c.id,
        messageType: type,
        bytes: instanceToPart10({
          sopClassUid,
          sopInstanceUid,
          transferSyntaxUid: m.transferSyntax,
          dataSet: m.dataSet,
        }),
      });
    });
  }
  return { files, problems };
}
