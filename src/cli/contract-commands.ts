// `lodestone contract import|list|show`: offtake contracts, delivered against committed per period, shortfall,
// off-specification lots, capacity plausibility and supply at risk, as of a date.
import type { Command } from "commander";
import { LodestoneError } from "../domain/errors.ts";
import { contractReport } from "../services/contracts.ts";
import { evaluateAndRecord } from "../services/evaluate.ts";
import { importMasterData } from "../services/masterdata-import.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { dbOption, parseDate, today } from "./options.ts";
import { readJsonFile } from "./read-document.ts";

const t = (x: number | null) =>
  x === null ? "—" : `${Number(x.toFixed(3)).toLocaleString("en-US", { maximumFractionDigits: 3 })} t`;

export function registerContractCommands(program: Command): void {
  const contract = program
    .command("contract")
    .description("offtake contracts: deliveries, shortfall, specification, risk");
  contract
    .command("import")
    .description(
      "import one contract (a JSON object) or a master-data file with contracts (docs/contracts.md)",
    )
    .addOption(dbOption())
    .argument("<file>", "JSON file")
    .action(async (file: string, options: { db?: string }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const document = readJsonFile(file) as Record<string, unknown>;
        const data = "contracts" in document ? document : { contracts: [document] };
        try {
          const result = await importMasterData(ledger, data, new Date());
          await evaluateAndRecord(ledger, new Date());
          process.stdout.write(
            `${file}: ${result.created} created, ${result.changed} changed, ${result.unchanged} unchanged\n`,
          );
        } catch (error) {
          if (error instanceof LodestoneError && error.problems.length > 0) {
            const p = error.problems[0] as { path: string; message: string };
            throw new LodestoneError(error.code, `${file}: ${p.path}: ${p.message}; nothing stored`);
          }
          throw error;
        }
      } finally {
        await ledger.close();
      }
    });
  contract
    .command("list")
    .description("the contracts in the ledger")
    .addOption(dbOption())
    .option("--json", "print [{id, buyer, seller, term, status, products}]")
    .action(async (options: { db?: string; json?: boolean }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const { contracts } = await loadMasterData(ledger.db);
        const rows = contracts.map((c) => ({
          id: c.id,
          buyer: c.buyer,
          seller: c.seller,
          term: c.term,
          status: c.status,
          products: c.products.map((p) => ({ id: p.id, name: p.name })),
        }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(rows)}\n`);
          return;
        }
        if (rows.length === 0) process.stdout.write("no contracts\n");
        for (const r of rows) {
          process.stdout.write(
            `${r.id}  ${r.status}  ${r.term.from} → ${r.term.to}  ${r.seller} → ${r.buyer}  ${r.products.map((p) => p.name).join(", ")}\n`,
          );
        }
      } finally {
        await ledger.close();
      }
    });
  contract
    .command("show")
    .description(
      "delivered against committed per period, shortfall, off-specification lots, capacity, supply at risk",
    )
    .addOption(dbOption())
    .argument("<id>", "contract id")
    .option("--as-of <date>", "judge the contract as of this date (default: today)", parseDate("--as-of"))
    .option("--json", "print the whole report (docs/contracts.md)")
    .action(async (id: string, options: { db?: string; asOf?: string; json?: boolean }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const report = await contractReport(ledger, id, options.asOf ?? today());
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
          return;
        }
        const out = [
          `${report.contract}: ${report.seller} → ${report.buyer}, ${report.term.from} → ${report.term.to}, ${report.status}, as of ${report.asOf}`,
        ];
        for (const p of report.products) {
          out.push(`${p.name}:`);
          for (const y of p.years) {
            out.push(
              `  ${y.year}: delivered on specification ${t(y.deliveredT)} of ${t(y.committedT)}; projected ${t(y.projectedT)}; shortfall ${t(y.shortfallT)}`,
            );
            for (const q of y.periods) {
              out.push(
                `    ${q.period.padEnd(8)} ${t(q.deliveredT).padStart(12)} of ${t(q.committedT).padStart(10)}  ${q.state}${q.short ? "  SHORT" : ""}${q.offSpecificationT > 0 ? `  (+${t(q.offSpecificationT)} off specification, not counted)` : ""}`,
              );
            }
          }
        }
        for (const c of report.capacity) {
          out.push(
            `capacity ${c.name}: licences yield ${t(c.producibleT)}/yr against ${t(c.contractedT)}/yr contracted${c.oreRequiredT !== null ? ` (needs ${t(c.oreRequiredT).replace(" t", " t ore")}/yr)` : ""}: ${c.plausible === null ? "unknown (no grade or oxide share for a licence)" : c.plausible ? "plausible" : "NOT plausible"}`,
          );
        }
        const risk = report.supplyAtRisk;
        out.push(
          `supply at risk: ${risk.atRisk ? "YES" : "no"}; next 12 months ${risk.undelivered.map((u) => `${t(u.next12MonthsT)} ${u.name}`).join(", ")}`,
        );
        for (const r of risk.reasons) out.push(`  ${r.kind} ${r.id}: ${r.message}`);
        for (const f of report.findings) out.push(`${f.severity.toUpperCase()} ${f.code} ${f.message}`);
        for (const u of report.unmatched)
          out.push(`not counted: ${u.lot} (${u.massKg} kg) matches no product of the contract`);
        process.stdout.write(`${out.join("\n")}\n`);
      } finally {
        await ledger.close();
      }
    });
}
