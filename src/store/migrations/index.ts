// The ordered list of migrations, by date-prefixed name.
import type { Migration } from "kysely";
import * as ledgerCore from "./2026-11-26-001-ledger-core.ts";
import * as lotGraph from "./2026-11-26-002-lot-graph.ts";
import * as compliance from "./2026-11-26-003-compliance.ts";
import * as api from "./2026-11-26-004-api.ts";
import * as passports from "./2026-11-26-005-passports.ts";
import * as passportStatus from "./2026-11-26-006-passport-status.ts";
import * as legalEvents from "./2026-11-26-007-legal-events.ts";
import * as eventLookups from "./2026-11-27-008-event-lookups.ts";
import * as movementLocalTime from "./2026-11-27-009-movement-local-time.ts";
import * as scopedEvaluation from "./2026-12-02-010-scoped-evaluation.ts";
import * as capturedForms from "./2026-12-03-011-captured-forms.ts";
import * as recycledClaims from "./2026-12-04-012-recycled-claims.ts";
import * as eventSequence from "./2026-12-05-013-event-sequence.ts";
import * as inventoryBalances from "./2026-12-06-014-inventory-balances.ts";
import * as shipmentDestinations from "./2026-12-06-015-shipment-destinations.ts";
import * as lotSeriesIndex from "./2026-12-06-016-lot-series-index.ts";
import * as findingTaints from "./2026-12-06-017-finding-taints.ts";
import * as extractionSums from "./2026-12-06-018-extraction-sums.ts";

export const ledgerMigrations: Record<string, Migration> = {
  "2026-11-26-001-ledger-core": ledgerCore,
  "2026-11-26-002-lot-graph": lotGraph,
  "2026-11-26-003-compliance": compliance,
  "2026-11-26-004-api": api,
  "2026-11-26-005-passports": passports,
  "2026-11-26-006-passport-status": passportStatus,
  "2026-11-26-007-legal-events": legalEvents,
  "2026-11-27-008-event-lookups": eventLookups,
  "2026-11-27-009-movement-local-time": movementLocalTime,
  "2026-12-02-010-scoped-evaluation": scopedEvaluation,
  "2026-12-03-011-captured-forms": capturedForms,
  "2026-12-04-012-recycled-claims": recycledClaims,
  "2026-12-05-013-event-sequence": eventSequence,
  "2026-12-06-014-inventory-balances": inventoryBalances,
  "2026-12-06-015-shipment-destinations": shipmentDestinations,
  "2026-12-06-016-lot-series-index": lotSeriesIndex,
  "2026-12-06-017-finding-taints": findingTaints,
  "2026-12-06-018-extraction-sums": extractionSums,
};
