// Runs the real `lodestone` executable as a child process, as a user would.
import { spawn } from "node:child_process";
import { resolve } from "node:path";

export const LODESTONE_BIN = resolve(import.meta.dirname, "../../bin/lodestone.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runLodestone(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [LODESTONE_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}
