// Test ledgers on every backend: a fresh SQLite file, or a fresh database on the run's PostgreSQL cluster.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import {
  type Backend,
  type Ledger,
  type LedgerOptions,
  migrateLedger,
  openLedger,
} from "../../src/store/db.ts";

export const BACKENDS: Backend[] = ["sqlite", "postgres"];

export interface TestLedger {
  ledger: Ledger;
  location: string;
  dispose(): Promise<void>;
}

/** A location for a new, empty ledger on the backend (not yet opened). */
export async function newLedgerLocation(
  backend: Backend,
): Promise<{ location: string; dispose(): Promise<void> }> {
  if (backend === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-sqlite-"));
    return {
      location: join(dir, "ledger.db"),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = inject("postgresUrl");
  const name = `test_${randomUUID().replace(/-/g, "")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const location = admin.replace(/\/postgres$/, `/${name}`);
  return {
    location,
    dispose: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function openTestLedger(backend: Backend, options: LedgerOptions = {}): Promise<TestLedger> {
  const { location, dispose } = await newLedgerLocation(backend);
  const ledger = openLedger(location, options);
  await migrateLedger(ledger);
  return {
    ledger,
    location,
    dispose: async () => {
      await ledger.close();
      await dispose();
    },
  };
}
