// Listens for the API on a port; on SIGTERM or SIGINT stops taking requests, lets captures in flight finish,
// and closes the ledger.
import type { Ledger } from "../store/db.ts";
import { type AppDeps, buildApp } from "./app.ts";

export interface ServeOptions {
  ledger: Ledger;
  port: number;
  host: string;
  logger?: boolean;
  webRoot?: string;
  demoRoles?: AppDeps["demoRoles"];
  /** Requests per minute per token (or address); the app's default when absent. */
  rateLimitPerMinute?: number;
  /** Capture jobs and bytes in flight before POST /epcis/capture answers 503; the app's defaults when absent. */
  captureLimits?: AppDeps["captureLimits"];
}

export async function serve(options: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await buildApp({
    ledger: options.ledger,
    logger: options.logger ?? true,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.demoRoles ? { demoRoles: options.demoRoles } : {}),
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    ...(options.captureLimits ? { captureLimits: options.captureLimits } : {}),
  });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await Promise.allSettled([...app.lodestone.inFlight]);
      await options.ledger.close();
    })();
    return closing;
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      // Exits whether or not the close succeeds: a server that fails to close its ledger must not linger.
      void close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`lodestone serve: closing failed: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
    });
  }
  return { url: `http://${options.host === "0.0.0.0" ? "localhost" : options.host}:${port}`, close };
}
