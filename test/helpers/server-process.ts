// The server as its own process, as an operator runs it: `lodestone serve --port 0`, resolved with its address
// once it listens; the request log it writes is read and dropped.
import { type ChildProcess, spawn } from "node:child_process";
import { LODESTONE_BIN } from "./cli.ts";

export function startServerProcess(
  location: string,
  extraArgs: string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [LODESTONE_BIN, "serve", "--db", location, "--port", "0", ...extraArgs],
      {
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let out = "";
    child.stdout?.on("data", (d) => {
      if (out.includes("Lodestone API at")) return;
      out += d;
      const m = /Lodestone API at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.on("exit", (code) => reject(new Error(`the server exited (${code}) before listening: ${out}`)));
  });
}

/**
 * Stops the server as an operator does (SIGTERM) and waits for it to exit; one still running after the grace
 * period is killed and reported, since a server that ignores SIGTERM is a fault, not a slow shutdown.
 */
export async function stopServerProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), graceMs);
  });
  const outcome = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (outcome === "late") {
    child.kill("SIGKILL");
    await exited;
    throw new Error(`the server did not exit within ${graceMs} ms of SIGTERM`);
  }
}
