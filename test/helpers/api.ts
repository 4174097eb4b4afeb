// A test API on a fresh ledger with two miners, a buyer, a regulator, an auditor and an admin, each with a token.

import { buildApp } from "../../src/api/app.ts";
import { createToken } from "../../src/services/access.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import type { Backend } from "../../src/store/db.ts";
import { openTestLedger, type TestLedger } from "./ledgers.ts";

export const PARTIES = {
  minerA: "urn:epc:id:pgln:8930000.00001",
  minerB: "urn:epc:id:pgln:8930000.00002",
  buyer: "urn:epc:id:pgln:8800000.00001",
  regulator: "urn:epc:id:pgln:8930000.00999",
  auditor: "urn:epc:id:pgln:9000000.00001",
  admin: "urn:lodestone:org:admin",
};
export const SITES = {
  mineA: "urn:epc:id:sgln:8930000.00001.0",
  mineB: "urn:epc:id:sgln:8930000.00002.0",
  buyerYard: "urn:epc:id:sgln:8800000.00001.0",
};

export const TEST_MASTERDATA = {
  organisations: [
    { id: PARTIES.minerA, name: "Demo Miner A", country: "VN", roles: ["miner"], demo: true },
    { id: PARTIES.minerB, name: "Demo Miner B", country: "VN", roles: ["miner"], demo: true },
    { id: PARTIES.buyer, name: "Demo Korean Offtaker Co.", country: "KR", roles: ["buyer"], demo: true },
    {
      id: PARTIES.regulator,
      name: "Demo Ministry (regulator)",
      country: "VN",
      roles: ["regulator"],
      demo: true,
    },
    { id: PARTIES.auditor, name: "Demo Assurance", country: "SG", roles: ["auditor"], demo: true },
  ],
  sites: [
    { id: SITES.mineA, name: "Mine A", kind: "mine", operator: PARTIES.minerA, country: "VN" },
    { id: SITES.mineB, name: "Mine B", kind: "mine", operator: PARTIES.minerB, country: "VN" },
    {
      id: SITES.buyerYard,
      name: "Buyer yard, Busan",
      kind: "warehouse",
      operator: PARTIES.buyer,
      country: "KR",
    },
  ],
  licences: [
    {
      id: "DEMO-A",
      kind: "exploitation",
      holder: PARTIES.minerA,
      site: SITES.mineA,
      authority: "MAE",
      minerals: ["rare_earths"],
      annualCapacity: { quantity: 1000, unit: "t_ore" },
      validFrom: "2020-01-01",
      validTo: "2040-01-01",
    },
  ],
};

export interface TestApi {
  t: TestLedger;
  app: Awaited<ReturnType<typeof buildApp>>;
  tokens: Record<keyof typeof PARTIES, string>;
}

export async function openTestApi(
  backend: Backend,
  options: {
    bodyLimitBytes?: number;
    rateLimitPerMinute?: number;
    failedSignInsPerMinute?: number;
    captureLimits?: { maxJobs?: number; maxBytes?: number };
  } = {},
): Promise<TestApi> {
  const t = await openTestLedger(backend);
  await importMasterData(t.ledger, TEST_MASTERDATA, new Date("2026-01-01T00:00:00Z"));
  const now = new Date("2026-06-01T00:00:00Z");
  const tokens = {
    minerA: await createToken(t.ledger, PARTIES.minerA, "operator", now),
    minerB: await createToken(t.ledger, PARTIES.minerB, "operator", now),
    buyer: await createToken(t.ledger, PARTIES.buyer, "buyer", now),
    regulator: await createToken(t.ledger, PARTIES.regulator, "regulator", now),
    auditor: await createToken(t.ledger, PARTIES.auditor, "auditor", now),
    admin: await createToken(t.ledger, PARTIES.admin, "admin", now),
  };
  const app = await buildApp({
    ledger: t.ledger,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    failedSignInsPerMinute: options.failedSignInsPerMinute ?? 100_000,
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.captureLimits ? { captureLimits: options.captureLimits } : {}),
  });
  return { t, app, tokens };
}

/** Waits for a capture job to finish and returns its view. */
export async function waitForJob(
  api: TestApi,
  location: string,
  token: string,
): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const res = await api.app.inject({
      method: "GET",
      url: location,
      headers: { authorization: `Bearer ${token}` },
    });
    const job = res.json() as Record<string, unknown>;
    if (job.running === false) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`capture job ${location} did not finish`);
}
