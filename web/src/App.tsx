// The dashboard shell: sign-in by role, navigation by hash, and the page of the current route.
import { useEffect, useState } from "react";
import { getToken, setToken } from "./api.ts";
import { currentLanguage, LANGUAGES, type Language, label, type MessageKey, setLanguage, t } from "./i18n.ts";
import { Contracts } from "./pages/Contracts.tsx";
import { Counterparties } from "./pages/Counterparties.tsx";
import { Environment } from "./pages/Environment.tsx";
import { Findings } from "./pages/Findings.tsx";
import { Flows } from "./pages/Flows.tsx";
import { Licences } from "./pages/Licences.tsx";
import { Lots } from "./pages/Lots.tsx";
import { MapPage } from "./pages/MapPage.tsx";
import { Overview } from "./pages/Overview.tsx";
import { Passport } from "./pages/Passport.tsx";
import { Planner } from "./pages/Planner.tsx";
import { Reports } from "./pages/Reports.tsx";

interface DemoRole {
  key: string;
  role: string;
  organisation: string;
  name: string;
  token: string;
}

const PAGES: { path: string; label: MessageKey }[] = [
  { path: "overview", label: "nav.overview" },
  { path: "map", label: "nav.map" },
  { path: "flows", label: "nav.flows" },
  { path: "licences", label: "nav.licences" },
  { path: "environment", label: "nav.environment" },
  { path: "findings", label: "nav.findings" },
  { path: "lots", label: "nav.lots" },
  { path: "contracts", label: "nav.contracts" },
  { path: "counterparties", label: "nav.counterparties" },
  { path: "planner", label: "nav.planner" },
  { path: "reports", label: "nav.reports" },
  { path: "passport", label: "nav.passport" },
];

function useHash(): string[] {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
}

function SignIn({ onSignIn }: { onSignIn: () => void }) {
  const [roles, setRoles] = useState<DemoRole[]>([]);
  const [token, setTokenText] = useState("");
  useEffect(() => {
    fetch("/demo/roles")
      .then((r) => (r.ok ? r.json() : []))
      .then(setRoles)
      .catch(() => setRoles([]));
  }, []);
  const use = (value: string) => {
    setToken(value);
    onSignIn();
  };
  return (
    <main className="signin">
      <h1>{t("signin.title")}</h1>
      <p>{t("signin.intro")}</p>
      <div className="role-buttons">
        {roles.map((r) => (
          <button key={r.key} type="button" onClick={() => use(r.token)} data-testid={`signin-${r.key}`}>
            {t("signin.as", { role: label("role", r.key) })}
            <small>{r.name}</small>
          </button>
        ))}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          use(token);
        }}
      >
        <label>
          {t("signin.token")} <input value={token} onChange={(e) => setTokenText(e.target.value)} />
        </label>
        <button type="submit" disabled={!token}>
          {t("signin.submit")}
        </button>
      </form>
    </main>
  );
}

function LanguageSwitch({ onChange }: { onChange: () => void }) {
  return (
    <select
      aria-label={t("lang.label")}
      value={currentLanguage()}
      onChange={(e) => {
        setLanguage(e.target.value as Language);
        onChange();
      }}
      data-testid="language"
    >
      {Object.entries(LANGUAGES).map(([code, name]) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </select>
  );
}

export function App() {
  const [signedIn, setSignedIn] = useState(getToken() !== null);
  const [, rerender] = useState(0);
  const relabel = () => rerender((n) => n + 1);
  const [route, param] = useHash();
  const page = PAGES.some((p) => p.path === route) ? (route as string) : "overview";
  if (!signedIn) {
    return (
      <>
        <div className="signin-language">
          <LanguageSwitch onChange={relabel} />
        </div>
        <SignIn onSignIn={() => setSignedIn(true)} />
      </>
    );
  }
  return (
    <div className="shell">
      <header>
        <span className="brand">{t("app.title")}</span>
        <span className="demo-badge" data-testid="demo-badge">
          {t("app.demoBadge")}
        </span>
        <nav>
          {PAGES.map((p) => (
            <a
              key={p.path}
              href={`#/${p.path}`}
              className={page === p.path ? "active" : ""}
              data-testid={`nav-${p.path}`}
            >
              {t(p.label)}
            </a>
          ))}
        </nav>
        <LanguageSwitch onChange={relabel} />
        <button
          type="button"
          className="signout"
          onClick={() => {
            setToken(null);
            setSignedIn(false);
          }}
        >
          {t("signin.signout")}
        </button>
      </header>
      <main data-testid={`page-${page}`}>
        <h1>{t(PAGES.find((p) => p.path === page)?.label ?? "nav.overview")}</h1>
        {page === "map" ? (
          <MapPage />
        ) : page === "flows" ? (
          <Flows />
        ) : page === "licences" ? (
          <Licences />
        ) : page === "environment" ? (
          <Environment />
        ) : page === "findings" ? (
          <Findings selectedId={param} />
        ) : page === "passport" ? (
          <Passport {...(param ? { lot: param } : {})} />
        ) : page === "lots" ? (
          <Lots selected={param} />
        ) : page === "contracts" ? (
          <Contracts />
        ) : page === "counterparties" ? (
          <Counterparties />
        ) : page === "planner" ? (
          <Planner />
        ) : page === "reports" ? (
          <Reports />
        ) : (
          <Overview />
        )}
      </main>
    </div>
  );
}
