/**
 * The order of items in a PDU or item. PS3.8 9.3.1 asks for items in increasing order of item
 * type, which is what the writer does by default; when a peer sent another order the reader
 * keeps it as `itemOrder` (the item types in wire order) so the write is byte for byte.
 * @module
 */

/** An item to write: its type and a callback that writes it. */
export interface ItemEntry {
  type: number;
  write(): void;
}

/**
 * The entries in writing order: following `itemOrder` first (taking, for each type listed, the
 * next entry of that type not yet taken), then the rest by increasing type; entries of one type
 * keep their relative order.
 */
export function arrangeItems(entries: ItemEntry[], itemOrder?: readonly number[]): ItemEntry[] {
  const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.type - b.e.type || a.i - b.i)
    .map((x) => x.e);
  if (itemOrder === undefined) return sorted;
  const taken = new Set<ItemEntry>();
  const out: ItemEntry[] = [];
  for (const type of itemOrder) {
    const next = sorted.find((e) => e.type === type && !taken.has(e));
    if (next === undefined) continue;
    taken.add(next);
    out.push(next);
  }
  for (const e of sorted) if (!taken.has(e)) out.push(e);
  return out;
}

/** The wire order to keep: undefined when the types are already in increasing order. */
export function keptItemOrder(types: number[]): number[] | undefined {
  for (let i = 1; i < types.length; i++) if (types[i] < types[i - 1]) return types;
  return undefined;
}
