// The checks of the W3C Verifiable Credentials Data Model 2.0 that a verifier makes on a credential payload:
// the base context first, the VerifiableCredential type, an issuer, a subject, well-formed validity dates.

const VC_V2 = "https://www.w3.org/ns/credentials/v2";
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Problems with the credential as a VC 2.0 data model instance; empty when it is one. */
export function dataModelProblems(credential: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const context = credential["@context"];
  if (!Array.isArray(context) || context[0] !== VC_V2)
    problems.push(`@context must be an array starting with ${VC_V2}`);
  const type = credential.type;
  if (!(type === "VerifiableCredential" || (Array.isArray(type) && type.includes("VerifiableCredential")))) {
    problems.push("type must include VerifiableCredential");
  }
  const issuer = credential.issuer;
  const issuerId = typeof issuer === "string" ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  if (typeof issuerId !== "string" || !/^[a-z][a-z0-9+.-]*:/i.test(issuerId))
    problems.push("issuer must be a URL or an object with an id URL");
  const subject = credential.credentialSubject;
  if (!subject || typeof subject !== "object") problems.push("credentialSubject is required");
  for (const field of ["validFrom", "validUntil"]) {
    const value = credential[field];
    if (value !== undefined && (typeof value !== "string" || !DATE_TIME.test(value)))
      problems.push(`${field} must be an XML Schema dateTimeStamp`);
  }
  if ("vc" in credential || "vp" in credential)
    problems.push("VC-JOSE-COSE forbids the JWT claims vc and vp in a secured credential");
  return problems;
}

export function issuerId(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  const id = typeof issuer === "string" ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : undefined;
}
