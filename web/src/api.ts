// The dashboard talks to the Lodestone API over HTTP only, with the bearer token of the signed-in role.
import { useEffect, useState } from "react";

const TOKEN_KEY = "lodestone.token";

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: {
      ...(init.body ? { "content-type": "application/json" } : {}),
      authorization: `Bearer ${getToken() ?? ""}`,
      ...init.headers,
    },
  });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}

export type Loaded<T> =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; data: T };

export function useApi<T>(path: string | null, version = 0): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  // `version` is a deliberate dependency: bumping it reloads the same path after a change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version forces a reload
  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoaded({ state: "loading" });
    api<T>(path)
      .then((data) => live && setLoaded({ state: "ready", data }))
      .catch((error: Error) => live && setLoaded({ state: "error", message: error.message }));
    return () => {
      live = false;
    };
  }, [path, version]);
  return loaded;
}
