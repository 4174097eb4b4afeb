// SANCTIONS_MATCH: an organisation of the master data whose name (or identifier) matches an entry of an
// imported sanctions or restricted-party list closely enough to need a person's review (OECD Due Diligence
// Guidance, step 2). The screening itself is in domain/sanctions.ts.
import { sanctionsFindings, screenOrganisations } from "../sanctions.ts";
import type { Rule } from "./context.ts";

export const sanctionsMatch: Rule = (context) => {
  const { organisations, sanctions } = context.masterData;
  return sanctionsFindings(screenOrganisations(organisations, sanctions), sanctions);
};
