// Crash safety on postgres (test/reliability/crash-safety.ts): twenty SIGKILLs of a capturing server.
import { describeCrashSafety } from "./crash-safety.ts";

describeCrashSafety("postgres");
