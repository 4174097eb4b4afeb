// Starts a throwaway PostgreSQL 15 cluster for the tests: initdb (as the postgres user when running as root)
// in a temporary directory, a free port on loopback, fsync off; stopped and removed afterwards.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PG_BIN = process.env.LODESTONE_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PostgresCluster {
  url: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function postgresUid(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const initdb = join(PG_BIN, "initdb");
  const pgCtl = join(PG_BIN, "pg_ctl");
  if (!existsSync(initdb) || !existsSync(pgCtl)) {
    throw new Error(
      `PostgreSQL 15 binaries not found in ${PG_BIN}: the store tests need a real PostgreSQL (apt-get install postgresql-15, or set LODESTONE_PG_BIN)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "lodestone-pg-"));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUid() : undefined;
  if (asRoot && !owner) throw new Error("running as root, but there is no postgres user to run initdb as");
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" })
      : execFileSync(cmd, args, { stdio: "pipe" });
  const data = join(dir, "data");
  run(initdb, ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  run(pgCtl, [
    "-D",
    data,
    "-l",
    join(dir, "server.log"),
    "-w",
    "-t",
    "60",
    "-o",
    `-p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -k ${dir}`,
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(pgCtl, ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
