// `lodestone news` as a user runs it: an undated article and one naming an organisation master data lacks are
// read, not refused; the candidate waits in `news candidates`, `news match` turns its action into a legal event
// (`legal list` shows it) and `news reject` needs a note.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLodestone } from "../helpers/cli.ts";

const ORG = "urn:epc:id:pgln:8930000.00098";
let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-news-"));
  db = join(dir, "ledger.db");
  writeFileSync(
    join(dir, "masterdata.json"),
    JSON.stringify({
      organisations: [{ id: ORG, name: "Anh Kien Co., Ltd", aliases: [], country: "VN", roles: ["miner"] }],
    }),
  );
  expect((await runLodestone(["masterdata", "import", "--db", db, join(dir, "masterdata.json")])).code).toBe(
    0,
  );
  writeFileSync(
    join(dir, "anh-kien.txt"),
    [
      "Lý do Công ty Anh Kiên bị phạt",
      "Kiến Thức — 2024-03",
      "",
      "Ngày 12/3, Chủ tịch UBND tỉnh Lâm Đồng đã ký quyết định xử phạt vi phạm hành chính đối với Công ty TNHH Anh Kiên Khoáng Sản.",
    ].join("\n"),
  );
  writeFileSync(join(dir, "other.txt"), "Police arrested the director of Sample Freight Forwarding Ltd.");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("lodestone news", () => {
  it("reads an article naming an unknown company into the review queue, dated by its text", async () => {
    const run = await runLodestone([
      "news",
      "ingest",
      "--db",
      db,
      join(dir, "anh-kien.txt"),
      join(dir, "other.txt"),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"Công ty TNHH Anh Kiên Khoáng Sản" (not in master data: review queue)');
    expect(run.stdout).toContain("administrative fine 2024-03-12");
    expect(run.stdout).toContain("date unknown");
    const queue = await runLodestone(["news", "candidates", "--db", db, "--json"]);
    const list = JSON.parse(queue.stdout) as { id: string; name: string; suggestions: string[] }[];
    expect(list.map((c) => c.name).sort()).toEqual([
      "Công ty TNHH Anh Kiên Khoáng Sản",
      "Sample Freight Forwarding Ltd",
    ]);
    expect(list.find((c) => c.name.includes("Anh Kiên"))?.suggestions).toEqual([ORG]);
  });

  it("matches a candidate (its action becomes a legal event) and rejects one only with a note", async () => {
    const list = JSON.parse((await runLodestone(["news", "candidates", "--db", db, "--json"])).stdout) as {
      id: string;
      name: string;
    }[];
    const anhKien = list.find((c) => c.name.includes("Anh Kiên"))?.id as string;
    const other = list.find((c) => c.name.includes("Sample"))?.id as string;
    const match = await runLodestone(["news", "match", "--db", db, anhKien, ORG, "--note", "same company"]);
    expect(match.code, match.stderr).toBe(0);
    expect(match.stdout).toContain("1 legal event(s) recorded");
    const legal = await runLodestone(["legal", "list", "--db", db]);
    expect(legal.stdout).toContain("2024-03-12");
    expect(legal.stdout).toContain("administrative_fine");
    const noNote = await runLodestone(["news", "reject", "--db", db, other]);
    expect(noNote.code).not.toBe(0);
    expect(noNote.stderr).toContain("--note");
    expect(
      (await runLodestone(["news", "reject", "--db", db, other, "--note", "not in the chain"])).code,
    ).toBe(0);
    expect((await runLodestone(["news", "candidates", "--db", db])).stdout).toContain(
      "no pending press candidates",
    );
    const bad = await runLodestone(["news", "candidates", "--db", db, "--status", "open"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--status open: one of pending, matched, rejected, all");
  });
});
