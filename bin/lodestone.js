#!/usr/bin/env node
// The `lodestone` command: runs the TypeScript CLI through tsx, so the checkout needs no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
