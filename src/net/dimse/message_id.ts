/**
 * Message ID (0000,0110) allocation: 1 to 65535, wrapping, skipping IDs still in use.
 * @module
 */

/** Options for `MessageIdAllocator`. */
export interface MessageIdAllocatorOptions {
  /** The first ID handed out (1-65535). Default 1. */
  first?: number;
  /**
   * True for an ID that must not be handed out now because an operation using it is still
   * outstanding (PS3.7 9.1.1.1.1: no two outstanding operations share a Message ID).
   * Default: every ID is free.
   */
  isInUse?: (id: number) => boolean;
}

const MAX_ID = 0xffff;

/**
 * Hands out Message IDs 1, 2, ... 65535, 1, ... (never 0, which some peers treat as unset).
 * @example
 * ```ts
 * import { MessageIdAllocator } from "./message_id.ts";
 * const ids = new MessageIdAllocator({ first: 65535 });
 * ids.next(); // 65535
 * ids.next(); // 1
 * ```
 */
export class MessageIdAllocator {
  #next: number;
  #isInUse: ((id: number) => boolean) | undefined;

  /** Throws `RangeError` when `first` is not in 1-65535. */
  constructor(options: MessageIdAllocatorOptions = {}) {
    const first = options.first ?? 1;
    if (!Number.isInteger(first) || first < 1 || first > MAX_ID) {
      throw new RangeError(`Invalid first Message ID: ${first} is not in 1-65535`);
    }
    this.#next = first;
    this.#isInUse = options.isInUse;
  }

  /** The next free ID; throws `RangeError` when all 65535 are in use. */
  next(): number {
    for (let tries = 0; tries < MAX_ID; tries++) {
      const id = this.#next;
      this.#next = id === MAX_ID ? 1 : id + 1;
      if (this.#isInUse === undefined || !this.#isInUse(id)) return id;
    }
    throw new RangeError("No free Message ID: all 65535 are in use");
  }
}
