// `lodestone risk concentration`: how far a buyer's received supply of an element depends on one origin
// country or one supplier, with the HHI and the CONCENTRATION findings.
import type { Command } from "commander";
import type { ContentKey } from "../domain/assay.ts";
import { CRMA_SINGLE_COUNTRY_SHARE_MAX } from "../domain/concentration.ts";
import { LodestoneError } from "../domain/errors.ts";
import { buyerConcentration } from "../services/risk.ts";
import { whatIf } from "../services/what-if.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption, parseDate, parseElement, today } from "./options.ts";

function parseShare(flag: string) {
  return (value: string): number => {
    const share = Number(value);
    if (value.trim() === "" || !Number.isFinite(share) || share <= 0 || share > 1) {
      throw new LodestoneError(
        "QUERY_PARAMETER",
        `${flag} ${value}: a share between 0 (excluded) and 1, e.g. 0.65`,
      );
    }
    return share;
  };
}

const pct = (share: number) => `${(share * 100).toFixed(2).padStart(7)}%`;

export function registerRiskCommands(program: Command): void {
  const risk = program
    .command("risk")
    .description("supply-risk views: concentration of a buyer's supply, what if a party stopped");
  risk
    .command("concentration")
    .description(
      "share of a buyer's received supply of an element by origin country and by supplier, the HHI, and CONCENTRATION findings",
    )
    .addOption(dbOption())
    .requiredOption("--buyer <org>", "the buying organisation (PGLN URN or id in the master data)")
    .option(
      "--element <symbol>",
      "element or TREO whose supply is measured",
      parseElement,
      "Nd" as ContentKey,
    )
    .option(
      "--max-country-share <share>",
      `highest share from one third country (default ${CRMA_SINGLE_COUNTRY_SHARE_MAX}, the EU CRMA benchmark)`,
      parseShare("--max-country-share"),
    )
    .option(
      "--max-supplier-share <share>",
      "highest share from one supplier (no limit unless given)",
      parseShare("--max-supplier-share"),
    )
    .option("--from <date>", "count receipts dated on or after this day (with --to)", parseDate("--from"))
    .option("--to <date>", "count receipts dated on or before this day (with --from)", parseDate("--to"))
    .option(
      "--json",
      "print {buyer, element, totalKg, byCountry, byMine, bySource, bySupplier, hhiCountry, hhiSupplier, findings, unassayed, period?}",
    )
    .action(
      async (options: {
        db?: string;
        buyer: string;
        element: ContentKey;
        from?: string;
        to?: string;
        maxCountryShare?: number;
        maxSupplierShare?: number;
        json?: boolean;
      }) => {
        const ledger = openLedger(resolveDbLocation(options.db));
        try {
          await migrateLedger(ledger);
          if ((options.from === undefined) !== (options.to === undefined))
            throw new LodestoneError("QUERY_PARAMETER", "--from and --to: give both, or neither");
          if (options.from && options.to && options.from > options.to)
            throw new LodestoneError("QUERY_PARAMETER", `--from ${options.from} is after --to ${options.to}`);
          const report = await buyerConcentration(ledger, options.buyer, options.element, {
            ...(options.from && options.to ? { period: { from: options.from, to: options.to } } : {}),
            ...(options.maxCountryShare !== undefined ? { countryShareMax: options.maxCountryShare } : {}),
            ...(options.maxSupplierShare !== undefined ? { supplierShareMax: options.maxSupplierShare } : {}),
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(report)}\n`);
            return;
          }
          const out = [
            `${report.element} received by ${report.buyer}: ${report.totalKg.toLocaleString("en-US")} kg`,
            "by origin country:",
          ];
          for (const c of report.byCountry) out.push(`  ${pct(c.share)}  ${c.key ?? "unrecorded origin"}`);
          out.push(`  HHI ${report.hhiCountry.toFixed(0)}`, "by supplier:");
          for (const s of report.bySupplier) out.push(`  ${pct(s.share)}  ${s.key ?? "unknown supplier"}`);
          out.push(`  HHI ${report.hhiSupplier.toFixed(0)}`);
          for (const u of report.unassayed) {
            out.push(`not counted: ${u.lot} (${u.massKg} kg) has no recorded composition`);
          }
          for (const f of report.findings) out.push(`${f.severity.toUpperCase()} ${f.code} ${f.message}`);
          if (report.findings.length === 0) out.push("no concentration findings");
          process.stdout.write(`${out.join("\n")}\n`);
        } finally {
          await ledger.close();
        }
      },
    );
  risk
    .command("what-if")
    .description(
      "if a party stopped supplying today: the shortfall per contract and per material over the next 12 months, and each downstream customer's supply of the last 12 months that depends on it",
    )
    .addOption(dbOption())
    .requiredOption(
      "--party <org>",
      "the organisation that stops supplying (PGLN URN or id in the master data)",
    )
    .option("--as-of <date>", "today, for the what-if (default: today)", parseDate("--as-of"))
    .option("--json", "print {party, name, asOf, window, contracts, materials, customers}")
    .action(async (options: { db?: string; party: string; asOf?: string; json?: boolean }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const report = await whatIf(ledger, options.party, options.asOf ?? today());
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
          return;
        }
        const t = (x: number) => `${Number(x.toFixed(3)).toLocaleString("en-US")} t`;
        const out = [`if ${report.name} (${report.party}) stopped supplying on ${report.asOf}:`];
        for (const c of report.contracts) {
          out.push(
            `  contract ${c.contract} (${c.relation === "seller" ? "it is the seller" : "it supplies the seller"}):`,
          );
          for (const p of c.products) {
            out.push(
              `    ${p.name}: ${t(p.shortfallT)} short of ${t(p.next12MonthsT)} due in 12 months (${(p.dependency * 100).toFixed(1)}% depends on it)`,
            );
          }
        }
        if (report.contracts.length === 0) out.push("  no open contract depends on it");
        for (const m of report.materials) out.push(`  material ${m.material}: ${t(m.shortfallT)} short`);
        for (const c of report.customers) {
          out.push(
            `  customer ${c.name}: ${t(c.dependentKg / 1000)} of ${t(c.receivedKg / 1000)} received ${report.window.from} → ${report.window.to} depends on it (${c.lots} lots)`,
          );
        }
        if (report.customers.length === 0)
          out.push(
            `  no customer received material depending on it from ${report.window.from} to ${report.window.to}`,
          );
        process.stdout.write(`${out.join("\n")}\n`);
      } finally {
        await ledger.close();
      }
    });
}
