// Crash safety on sqlite (test/reliability/crash-safety.ts): twenty SIGKILLs of a capturing server.
import { describeCrashSafety } from "./crash-safety.ts";

describeCrashSafety("sqlite");
