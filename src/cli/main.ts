/**
 * The `dicomsim` command line: `deno task dicomsim <command> [...]`.
 * @module
 */
import process from "node:process";
import type { Command, CommandIo } from "./command.ts";
import { convertCommand } from "./convert_command.ts";
import { decodeCommand } from "./decode_command.ts";
import { renderCommand } from "./render_command.ts";
import { dumpCommand } from "./dump_command.ts";
import { echoCommand } from "./echo_command.ts";
import { findCommand } from "./find_command.ts";
import { generateCommand } from "./generate_command.ts";
import { getCommand } from "./get_command.ts";
import { listenCommand } from "./listen_command.ts";
import { moveCommand } from "./move_command.ts";
import { pacsCommand } from "./pacs_command.ts";
import { proxyCommand } from "./proxy_command.ts";
import { runCommand, scenarioCommand } from "./scenario_command.ts";
import { modalityCommand, scannerCommand } from "./scanner_command.ts";
import { storeCommand } from "./store_command.ts";
import { traceCommand } from "./trace_command.ts";
import { demoCommand } from "./demo_command.ts";
import { UsageError } from "./usage_error.ts";

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  demoCommand,
  dumpCommand,
  convertCommand,
  decodeCommand,
  renderCommand,
  echoCommand,
  storeCommand,
  listenCommand,
  findCommand,
  moveCommand,
  getCommand,
  pacsCommand,
  traceCommand,
  proxyCommand,
  generateCommand,
  scannerCommand,
  modalityCommand,
  runCommand,
  scenarioCommand,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: dicomsim <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `dicomsim <command> --help` for a command's options.",
  ].join("\n");
}

/**
 * Runs the CLI with arguments (without the program name); resolves to the exit code.
 * @example
 * ```ts
 * import { runCli } from "./main.ts";
 * await runCli(["--help"], { out: console.log, err: console.error }); // 0
 * ```
 */
export async function runCli(args: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.err : io.out)(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`Unknown command: ${name}\n\n${mainHelp()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${command.help}`);
      return 2;
    }
    io.err(`E: ${(error as Error).stack ?? error}`);
    return 1;
  }
}

if (import.meta.main) {
  // A closed pipe (`dicomsim trace show FILE | head`) ends the output quietly.
  process.stdout.on("error", (error: { code?: string }) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });
  const code = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
  });
  process.exitCode = code;
}
