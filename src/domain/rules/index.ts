// Every compliance rule, evaluated over one context. Each rule lives in its own file, named after it.
import type { Finding } from "../finding.ts";
import type { Rule, RuleContext } from "./context.ts";
import { counterpartyLegal } from "./counterparty-legal.ts";
import { declarationMismatch } from "./declaration-mismatch.ts";
import { exportMisdeclared } from "./export-misdeclared.ts";
import { exportRadioactive } from "./export-radioactive.ts";
import { exportUnprocessed } from "./export-unprocessed.ts";
import { licenceArea } from "./licence-area.ts";
import { licenceCapacity } from "./licence-capacity.ts";
import { licenceReserve } from "./licence-reserve.ts";
import { licenceScope } from "./licence-scope.ts";
import { licenceValidity } from "./licence-validity.ts";
import { permitLimit } from "./permit-limit.ts";
import { productActivity } from "./product-activity.ts";
import { radionuclideBalance } from "./radionuclide-balance.ts";
import { recycledClaim } from "./recycled-claim.ts";
import { recyclerUnpermitted } from "./recycler-unpermitted.ts";
import { residueSiteOverCapacity } from "./residue-site-over-capacity.ts";
import { residueUnplaced } from "./residue-unplaced.ts";
import { sanctionsMatch } from "./sanctions-match.ts";
import { unlicensedExtraction } from "./unlicensed-extraction.ts";

export const COMPLIANCE_RULES: Record<string, Rule> = {
  LICENCE_CAPACITY: licenceCapacity,
  LICENCE_RESERVE: licenceReserve,
  LICENCE_VALIDITY: licenceValidity,
  LICENCE_AREA: licenceArea,
  LICENCE_SCOPE: licenceScope,
  UNLICENSED_EXTRACTION: unlicensedExtraction,
  EXPORT_UNPROCESSED: exportUnprocessed,
  EXPORT_RADIOACTIVE: exportRadioactive,
  EXPORT_MISDECLARED: exportMisdeclared,
  DECLARATION_MISMATCH: declarationMismatch,
  COUNTERPARTY_LEGAL: counterpartyLegal,
  SANCTIONS_MATCH: sanctionsMatch,
  RADIONUCLIDE_BALANCE: radionuclideBalance,
  RESIDUE_UNPLACED: residueUnplaced,
  RESIDUE_SITE_OVER_CAPACITY: residueSiteOverCapacity,
  PERMIT_LIMIT: permitLimit,
  PRODUCT_ACTIVITY: productActivity,
  RECYCLER_UNPERMITTED: recyclerUnpermitted,
  RECYCLED_CLAIM: recycledClaim,
};

export function evaluateCompliance(context: RuleContext, codes?: string[]): Finding[] {
  return Object.entries(COMPLIANCE_RULES)
    .filter(([code]) => !codes || codes.includes(code))
    .flatMap(([, rule]) => rule(context));
}
