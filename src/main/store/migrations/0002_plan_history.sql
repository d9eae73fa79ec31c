-- Plan history: the plans of EXPLAIN runs, per profile and query fingerprint.

CREATE TABLE "plan_history" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "profile_id" TEXT NOT NULL,
    "database" TEXT,
    "query_key" TEXT NOT NULL,
    "normalized_sql" TEXT NOT NULL,
    "sql" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "ran_at" DATETIME NOT NULL,
    "server_version_num" INTEGER NOT NULL,
    "plan_json" TEXT NOT NULL,
    "execution_ms" REAL,
    "total_cost" REAL
);
CREATE UNIQUE INDEX "plan_history_id_key" ON "plan_history"("id");
CREATE INDEX "plan_history_profile_id_query_key_seq_idx" ON "plan_history"("profile_id", "query_key", "seq");
