import { testServer } from "../../harness/database";
import { catalogue } from "./plan-corpus/catalogue";
import { buildCorpus } from "./plan-corpus/corpus.setup";
import { corpusSuite } from "./plan-corpus/corpus.suite";

/** The plan corpus on PostgreSQL 18 (the embedded server). See corpus.suite.ts. */
corpusSuite(
  "on PostgreSQL 18",
  { build: () => [buildCorpus(testServer(18), "18", catalogue)], cleanup: async () => undefined },
  { direct: 1000, renderings: 35_000, wraps: 2000 },
);
