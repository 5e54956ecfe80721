/**
 * Reassembly of DIMSE messages from the PDVs of received P-DATA-TF PDUs (PS3.7 Annex F, PS3.8
 * 9.3.5.1 and Annex E): command fragments, then data set fragments, on one presentation context.
 * @module
 */
import { commandHasDataSet } from "./command_set.ts";
import { DimseProtocolError, type DimseProtocolErrorKind } from "./errors.ts";
import type { Pdv } from "./pdv.ts";

/**
 * A complete received message.
 * @example
 * ```ts
 * import type { AssembledMessage } from "./message_assembler.ts";
 * const msg: AssembledMessage = {
 *   presentationContextId: 1, command: new Uint8Array(68), dataSetStreamed: false,
 * };
 * ```
 */
export interface AssembledMessage {
  /** The presentation context all its fragments came on. */
  presentationContextId: number;
  /** The command set bytes (decode with `decodeCommand`). */
  command: Uint8Array;
  /**
   * The data set bytes, when the command announced one and it was buffered (not streamed).
   * A view of the PDV data when it came in one fragment, otherwise a new array.
   */
  dataSet?: Uint8Array;
  /** True when the data set went to a `DataSetSink` instead of `dataSet`. */
  dataSetStreamed: boolean;
}

/**
 * Receives the fragments of a data set as they arrive (e.g. to write them to disk). Fragments are
 * views of the received PDU bytes: write or copy them before returning if the bytes may be reused.
 * @example
 * ```ts
 * import type { DataSetSink } from "./message_assembler.ts";
 * const chunks: Uint8Array[] = [];
 * const sink: DataSetSink = { write: (fragment) => void chunks.push(fragment.slice()) };
 * ```
 */
export interface DataSetSink {
  /** One fragment, in order; `isLast` on the final one (which may be empty). */
  write(fragment: Uint8Array, isLast: boolean): void;
}

/** Options for `MessageAssembler`. */
export interface MessageAssemblerOptions {
  /**
   * Called once the command of a message with a data set is complete, before any data fragment:
   * return a sink to stream the data set to, or undefined to buffer it. Default: always buffer.
   */
  streamDataSet?: (command: Uint8Array, presentationContextId: number) => DataSetSink | undefined;
  /** Longest command set accepted, in bytes. Default 1 MiB. */
  maxCommandLength?: number;
  /** Longest buffered (not streamed) data set accepted, in bytes. Default: no limit. */
  maxDataSetLength?: number;
}

type State = "idle" | "command" | "data";

/**
 * Turns PDVs, in the order received, into complete messages, and refuses sequences that break
 * the message structure with a `DimseProtocolError` naming what happened (after which it starts
 * afresh; the association should be aborted).
 * @example
 * ```ts
 * import { MessageAssembler } from "./message_assembler.ts";
 * // (0000,0800) US 0x0101: a command with no data set
 * const command = new Uint8Array([0, 0, 0, 8, 2, 0, 0, 0, 1, 1]);
 * const assembler = new MessageAssembler();
 * assembler.push({ presentationContextId: 1, isCommand: true, isLast: false, data: command.subarray(0, 4) });
 * const msg = assembler.push({ presentationContextId: 1, isCommand: true, isLast: true, data: command.subarray(4) });
 * msg?.command.length; // 10
 * ```
 */
export class MessageAssembler {
  #state: State = "idle";
  #contextId = 0;
  #parts: Uint8Array[] = [];
  #length = 0;
  #command: Uint8Array | undefined;
  #sink: DataSetSink | undefined;
  #previousHadDataSet: boolean | undefined;
  #options: MessageAssemblerOptions;
  #maxCommand: number;
  #maxDataSet: number;

  /** An assembler waiting for the first fragment of a command. */
  constructor(options: MessageAssemblerOptions = {}) {
    this.#options = options;
    this.#maxCommand = options.maxCommandLength ?? 1024 * 1024;
    this.#maxDataSet = options.maxDataSetLength ?? Infinity;
  }

  /** True between the first fragment of a message and its last. */
  get inProgress(): boolean {
    return this.#state !== "idle";
  }

  /** Drops any partial message (e.g. when the association ends). */
  reset(): void {
    this.#state = "idle";
    this.#parts = [];
    this.#length = 0;
    this.#command = undefined;
    this.#sink = undefined;
    this.#previousHadDataSet = undefined;
  }

  /**
   * Takes the next PDV; returns the message it completes, if any.
   * Throws `DimseProtocolError` when the PDV cannot follow the ones before it.
   */
  push(pdv: Pdv): AssembledMessage | undefined {
    const id = pdv.presentationContextId;
    if (this.#state === "idle") {
      if (!pdv.isCommand) {
        if (this.#previousHadDataSet === false) {
          this.#fail(
            "unexpected-data",
            "Data set fragment after a command whose Command Data Set Type says none follows",
            id,
          );
        }
        this.#fail(
          "data-before-command",
          this.#previousHadDataSet === undefined
            ? "Data set fragment before any command"
            : "Data set fragment after the last fragment of the previous data set",
          id,
        );
      }
      this.#state = "command";
      this.#contextId = id;
    } else if (id !== this.#contextId) {
      this.#fail(
        "context-changed",
        `Fragment on presentation context ${id} in the middle of a message on context ${this.#contextId}`,
        id,
      );
    }
    if (this.#state === "command") {
      if (!pdv.isCommand) {
        this.#fail(
          "data-before-command",
          "Data set fragment before the last fragment of the command",
          id,
        );
      }
      this.#add(pdv.data, this.#maxCommand, "Command set");
      return pdv.isLast ? this.#commandComplete() : undefined;
    }
    // State "data": the command is complete and announced a data set.
    if (pdv.isCommand) {
      this.#fail(
        "command-after-last",
        "Command fragment after the last fragment of the command",
        id,
      );
    }
    if (this.#sink !== undefined) this.#sink.write(pdv.data, pdv.isLast);
    else this.#add(pdv.data, this.#maxDataSet, "Data set");
    return pdv.isLast ? this.#dataSetComplete() : undefined;
  }

  /**
   * Takes the PDVs of one P-DATA-TF PDU in order; returns the messages they complete.
   * @example
   * ```ts
   * import { MessageAssembler } from "./message_assembler.ts";
   * const command = new Uint8Array([0, 0, 0, 8, 2, 0, 0, 0, 1, 1]);
   * new MessageAssembler().pushAll([
   *   { presentationContextId: 3, isCommand: true, isLast: true, data: command },
   * ]).length; // 1
   * ```
   */
  pushAll(pdvs: Iterable<Pdv>): AssembledMessage[] {
    const out: AssembledMessage[] = [];
    for (const pdv of pdvs) {
      const msg = this.push(pdv);
      if (msg !== undefined) out.push(msg);
    }
    return out;
  }

  #add(data: Uint8Array, max: number, what: string): void {
    if (this.#length + data.length > max) {
      this.#fail(
        "limit-exceeded",
        `${what} longer than the limit of ${max} bytes`,
        this.#contextId,
      );
    }
    this.#parts.push(data);
    this.#length += data.length;
  }

  #take(): Uint8Array {
    const parts = this.#parts;
    const whole = parts.length === 1 ? parts[0] : concat(parts, this.#length);
    this.#parts = [];
    this.#length = 0;
    return whole;
  }

  #commandComplete(): AssembledMessage | undefined {
    const command = this.#take();
    const hasDataSet = commandHasDataSet(command);
    if (hasDataSet === undefined) {
      this.#fail(
        "invalid-command",
        "Command set has no readable Command Data Set Type (0000,0800)",
        this.#contextId,
      );
    }
    if (!hasDataSet) {
      this.#state = "idle";
      this.#previousHadDataSet = false;
      return { presentationContextId: this.#contextId, command, dataSetStreamed: false };
    }
    this.#state = "data";
    this.#command = command;
    this.#sink = this.#options.streamDataSet?.(command, this.#contextId);
    return undefined;
  }

  #dataSetComplete(): AssembledMessage {
    const streamed = this.#sink !== undefined;
    const msg: AssembledMessage = {
      presentationContextId: this.#contextId,
      command: this.#command!,
      dataSetStreamed: streamed,
    };
    if (!streamed) msg.dataSet = this.#take();
    this.#state = "idle";
    this.#command = undefined;
    this.#sink = undefined;
    this.#previousHadDataSet = true;
    return msg;
  }

  #fail(kind: DimseProtocolErrorKind, message: string, id: number): never {
    this.reset();
    throw new DimseProtocolError(kind, message, id);
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
