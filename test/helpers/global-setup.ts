// Vitest global setup: one PostgreSQL cluster for the whole run, its URL handed to the tests.
import type { TestProject } from "vitest/node";
import { type PostgresCluster, startPostgresCluster } from "./postgres-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startPostgresCluster();
  project.provide("postgresUrl", cluster.url);
}

export async function teardown(): Promise<void> {
  cluster?.stop();
}
