// Passport: a lot's passport as a person reads it, its QR code, and a verify button that shows each check.
import { useState } from "react";
import { api, useApi } from "../api.ts";
import { Show } from "../components.tsx";
import { t } from "../i18n.ts";

interface PassportRow {
  credentialId: string;
  issuer: string;
  issuedAt: string;
  revoked: boolean;
  revocationReason?: string;
  verifiableCredential: string;
}
interface Check {
  name: string;
  ok: boolean;
  reason: string;
}
interface Material {
  name: string;
  originCountry?: string;
  massFraction: number;
}
interface Credential {
  issuer: { name: string; id: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    product: {
      name: string;
      characteristics?: { materialClass?: string; massKg?: number; chainOfCustodyModel?: string };
    };
    materialsProvenance?: Material[];
    conformityClaim?: { conformance: boolean; description?: string }[];
  };
}

const decode = (vc: string): Credential =>
  JSON.parse(atob((vc.split(",")[1] ?? "").split(".")[1]?.replace(/-/g, "+").replace(/_/g, "/") ?? ""));

export function Passport({ lot }: { lot?: string }) {
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const passports = useApi<PassportRow[]>(lot ? `/lots/${encodeURIComponent(lot)}/passports` : null, version);
  if (!lot) return <p className="state">{t("passport.pick")}</p>;
  const link = lot.replace("https://id.gs1.org", "");
  const issue = async () => {
    setError(null);
    try {
      await api(`/lots/${encodeURIComponent(lot)}/passport`, { method: "POST" });
      setVersion((v) => v + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="passport-layout">
      <div>
        <Show loaded={passports}>
          {(list) => {
            const newest = list[list.length - 1];
            return newest ? <PassportView row={newest} /> : <p className="state">{t("passport.none")}</p>;
          }}
        </Show>
        <button type="button" onClick={issue} data-testid="issue-passport">
          {t("passport.issue")}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </div>
      <aside>
        <img
          src={`/qr.svg?link=${encodeURIComponent(link)}`}
          alt={t("passport.qr")}
          className="qr"
          data-testid="passport-qr"
        />
        <p>
          <a href={link}>{link}</a>
        </p>
      </aside>
    </div>
  );
}

function PassportView({ row }: { row: PassportRow }) {
  const [checks, setChecks] = useState<Check[] | null>(null);
  const credential = decode(row.verifiableCredential);
  const subject = credential.credentialSubject;
  const verify = async () =>
    setChecks(
      (
        await api<{ checks: Check[] }>("/verify", {
          method: "POST",
          body: JSON.stringify({ verifiableCredential: row.verifiableCredential }),
        })
      ).checks,
    );
  return (
    <section className="passport" data-testid="passport">
      <h2>{subject.product.name}</h2>
      {row.revoked && (
        <p className="error" data-testid="passport-revoked">
          {t("passport.revoked", { reason: row.revocationReason ?? "" })}
        </p>
      )}
      <dl>
        <dt>{t("passport.issuer")}</dt>
        <dd>{credential.issuer.name}</dd>
        <dt>{t("passport.valid")}</dt>
        <dd>
          {credential.validFrom} → {credential.validUntil ?? "—"}
        </dd>
        <dt>{t("passport.class")}</dt>
        <dd>{subject.product.characteristics?.materialClass ?? "—"}</dd>
        <dt>{t("passport.custody")}</dt>
        <dd>{subject.product.characteristics?.chainOfCustodyModel ?? "—"}</dd>
        <dt>{t("passport.compliance")}</dt>
        <dd>{subject.conformityClaim?.[0]?.description ?? "—"}</dd>
      </dl>
      <h3>{t("passport.origin")}</h3>
      <table className="compact">
        <tbody>
          {(subject.materialsProvenance ?? []).map((m) => (
            <tr key={m.name}>
              <td>{m.name}</td>
              <td>{m.originCountry ?? ""}</td>
              <td data-testid="passport-share">{(m.massFraction * 100).toFixed(2)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={verify} data-testid="verify-passport">
        {t("passport.verify")}
      </button>
      {checks && (
        <ul className="checks" data-testid="verify-checks">
          {checks.map((c) => (
            <li key={c.name} className={c.ok ? "ok" : "error"}>
              {c.ok ? "✓" : "✗"} <strong>{c.name}</strong> {c.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
