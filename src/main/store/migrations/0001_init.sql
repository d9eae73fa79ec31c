-- The first store: query tabs, UI state, query history and snippets.

CREATE TABLE "tabs" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "profile_id" TEXT,
    "database" TEXT,
    "sql" TEXT NOT NULL,
    "cursor" TEXT,
    "selection" TEXT,
    "result_layout" TEXT,
    "pinned_plans" TEXT,
    "dirty" BOOLEAN NOT NULL DEFAULT false,
    "file_path" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);
CREATE INDEX "tabs_position_idx" ON "tabs"("position");

CREATE TABLE "ui_state" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL
);

CREATE TABLE "query_history" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "profile_id" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "sql" TEXT NOT NULL,
    "sql_lower" TEXT NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "duration_ms" REAL NOT NULL,
    "row_count" INTEGER,
    "error" TEXT
);
CREATE UNIQUE INDEX "query_history_id_key" ON "query_history"("id");
CREATE INDEX "query_history_profile_id_seq_idx" ON "query_history"("profile_id", "seq");

CREATE TABLE "snippets" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "sql" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL
);
