import { startSystemServer, type SystemServer } from "../../harness-extra/system-pg";
import { testServer } from "../../harness/database";
import { catalogue, jitCatalogue } from "./plan-corpus/catalogue";
import { buildCorpus } from "./plan-corpus/corpus.setup";
import { corpusSuite } from "./plan-corpus/corpus.suite";

/**
 * The plan corpus on PostgreSQL 15: the embedded server, and Debian's 15 (the one build
 * here with LLVM) for the JIT statements. See corpus.suite.ts.
 */
let debian: SystemServer | undefined;

corpusSuite(
  "on PostgreSQL 15",
  {
    build: () => [
      buildCorpus(testServer(15), "15", catalogue),
      startSystemServer().then((s) => {
        debian = s;
        return buildCorpus({ major: 15, ...s }, "15 (Debian, JIT)", jitCatalogue);
      }),
    ],
    cleanup: async () => {
      await debian?.stop();
    },
  },
  { direct: 1000, renderings: 35_000, wraps: 2000 },
);
