// Master data that changes past results: a licence suspended retroactively through POST /masterdata opens the
// findings of the extraction it now covers, restoring it clears them, and the audit log names both changes.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/app.ts";
import { DEMO_DIR } from "../../src/cli/demo.ts";
import { readJsonFile } from "../../src/cli/read-document.ts";
import { createToken } from "../../src/services/access.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAndRecord } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

type Json = Record<string, unknown>;
const NOW = new Date("2026-06-30T00:00:00Z");

for (const backend of BACKENDS) {
  describe(`master data that changes past findings (${backend})`, () => {
    let t: TestLedger;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let token: string;
    const masterData = readJsonFile(join(DEMO_DIR, "masterdata.json")) as Json;

    beforeAll(async () => {
      t = await openTestLedger(backend);
      await importMasterData(t.ledger, masterData, NOW);
      for (const file of readdirSync(DEMO_DIR).filter((f) => f.endsWith(".jsonld"))) {
        const report = await captureDocument(
          t.ledger,
          { document: readJsonFile(join(DEMO_DIR, file)), organisation: "urn:lodestone:org:demo-loader" },
          { now: () => NOW, newId: randomUUID },
        );
        await evaluateAndRecord(t.ledger, NOW, report.touched ? { scope: report.touched } : {});
      }
      token = await createToken(t.ledger, "urn:lodestone:org:registry", "admin", NOW);
      app = await buildApp({ ledger: t.ledger, now: () => NOW });
    });
    afterAll(async () => {
      await app.close();
      await t.dispose();
    });

    const importAndAudit = async (data: Json) => {
      const res = await app.inject({
        method: "POST",
        url: "/masterdata",
        headers: { authorization: `Bearer ${token}` },
        payload: data,
      });
      expect(res.statusCode).toBe(200);
      const rows = await t.ledger.db
        .selectFrom("audit_log")
        .select(["action", "detail"])
        .where("action", "=", "import_masterdata")
        .execute();
      return JSON.parse((rows.at(-1) as { detail: string }).detail) as {
        findings: { opened: string[]; reopened: string[]; cleared: string[] };
      };
    };

    it("opens the findings a retroactive suspension causes, clears them when it is lifted, and audits both", async () => {
      const suspended = structuredClone(masterData);
      const licence = (suspended.licences as Json[])[0] as Json;
      licence.statusHistory = [{ status: "suspended", from: "2025-01-01", note: "suspended retroactively" }];
      const id = `LICENCE_VALIDITY:${licence.id as string}:suspended`;

      const first = await importAndAudit(suspended);
      expect(first.findings.opened).toContain(id);

      const lifted = await importAndAudit(masterData);
      expect(lifted.findings.cleared).toContain(id);

      const again = await importAndAudit(suspended);
      expect(again.findings.reopened).toContain(id);
    });
  });
}
