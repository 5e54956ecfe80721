/**
 * Finding the external peers (DCMTK, pydicom) that interoperability tests compare against.
 * Locally a missing peer skips those tests; under CI=true it fails them.
 * @module
 */
import { spawnSync } from "node:child_process";
import process from "node:process";

const cache = new Map<string, boolean>();

function probe(command: string, args: string[]): boolean {
  const key = [command, ...args].join(" ");
  if (!cache.has(key)) {
    const r = spawnSync(command, args, { stdio: "ignore" });
    cache.set(key, r.status === 0);
  }
  return cache.get(key)!;
}

/**
 * True when the peer is installed. When it is not: false locally, an error under CI=true.
 */
export function requirePeer(
  name: "dcmdump" | "dcm2json" | "pydicom" | "dciodvfy" | "tshark" | "gdcmconv",
): boolean {
  const ok = name === "pydicom"
    ? probe("/usr/bin/python3", ["-c", "import pydicom"])
    : name === "dciodvfy"
    ? probe("sh", ["-c", "command -v dciodvfy"])
    : name === "gdcmconv"
    ? probe("sh", ["-c", "command -v gdcmconv && /usr/bin/python3 -c 'import gdcm'"])
    : probe(name, ["--version"]);
  if (!ok && process.env.CI === "true") {
    throw new Error(`${name} is not installed but CI=true: .ci/run must install it`);
  }
  if (!ok) console.warn(`skipping: ${name} is not installed`);
  return ok;
}
