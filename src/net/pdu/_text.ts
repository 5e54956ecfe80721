/**
 * Text in PDUs: UIDs, AE titles and names are single-byte characters (PS3.8 9.3, Annex F; PS3.5
 * default repertoire); they are read one character per byte (Latin-1) so that any byte survives
 * a read and write unchanged.
 * @module
 */

/** Decodes bytes one character per byte. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = "";
  for (let i = start; i < end; i += 4096) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 4096)));
  }
  return s;
}

/** True when every character of `text` fits in one byte. */
export function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/** AE title bytes (PS3.8 9.3.2: 16 bytes, space padded) to the title: leading and trailing spaces
 * are not significant (PS3.5 6.2, AE); NUL padding is trimmed too. */
export function aeTitleFromBytes(bytes: Uint8Array): string {
  return latin1(bytes).replace(/^[ \0]+|[ \0]+$/g, "");
}

/** True when `raw` is exactly `title` padded with spaces to 16 bytes. */
export function isPlainAeTitle(raw: Uint8Array, title: string): boolean {
  if (raw.length !== 16 || title.length > 16) return false;
  for (let i = 0; i < 16; i++) {
    const expected = i < title.length ? title.charCodeAt(i) : 0x20;
    if (raw[i] !== expected) return false;
  }
  return true;
}
