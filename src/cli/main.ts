// The `lodestone` command line: a thin shell over the services (capture, query, hash, migrate).
import { Command } from "commander";
import { LodestoneError } from "../domain/errors.ts";
import { registerComplianceCommands } from "./compliance-commands.ts";
import { registerContractCommands } from "./contract-commands.ts";
import { registerBackupCommands, registerDbCommands } from "./db-command.ts";
import { registerEventsCommand } from "./events-command.ts";
import { registerHashCommand } from "./hash-command.ts";
import { registerImportCommand } from "./import-command.ts";
import { registerLegalCommands } from "./legal-commands.ts";
import { registerNewsCommands } from "./news-commands.ts";
import { registerPassportCommands } from "./passport-commands.ts";
import { registerPlanCommand } from "./plan-command.ts";
import { registerReportCommands } from "./report-commands.ts";
import { registerRiskCommands } from "./risk-commands.ts";
import { registerSanctionsCommands } from "./sanctions-commands.ts";
import { registerServeCommands } from "./serve-commands.ts";
import { registerTraceCommands } from "./trace-command.ts";

// Exit codes: 0 success, 1 rejected input or failed work, 2 usage errors (commander's own).
const EXIT_CODES: Record<LodestoneError["code"], number> = {
  EPCIS_INVALID: 1,
  EPCIS_UNSUPPORTED: 1,
  CAPTURE_REJECTED: 1,
  QUERY_PARAMETER: 1,
  QUERY_TOO_LARGE: 1,
  NOT_FOUND: 1,
  INPUT_UNREADABLE: 1,
  INPUT_INVALID: 1,
  STORE_FAILURE: 1,
  UNAUTHORIZED: 1,
  FORBIDDEN: 1,
  TOO_MANY_REQUESTS: 1,
  UNSUPPORTED_MEDIA_TYPE: 1,
};

export function buildProgram(): Command {
  const program = new Command()
    .name("lodestone")
    .description(
      "Lodestone: an open ledger for the rare-earth value chain (EPCIS 2.0 events, provenance, compliance)",
    )
    .showHelpAfterError();
  registerImportCommand(program);
  registerHashCommand(program);
  registerEventsCommand(program);
  registerTraceCommands(program);
  registerComplianceCommands(program);
  registerServeCommands(program);
  registerPassportCommands(program);
  registerRiskCommands(program);
  registerReportCommands(program);
  registerContractCommands(program);
  registerPlanCommand(program);
  registerNewsCommands(program);
  registerLegalCommands(program);
  registerSanctionsCommands(program);
  registerDbCommands(program);
  registerBackupCommands(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof LodestoneError) {
    // English, with the stable code first so tools can match and translate it.
    process.stderr.write(`lodestone: ${error.code}: ${error.message}\n`);
    process.exitCode = EXIT_CODES[error.code];
  } else {
    process.stderr.write(`lodestone: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
