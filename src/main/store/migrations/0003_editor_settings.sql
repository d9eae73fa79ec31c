-- The query editor's own settings per tab (statement timeout, row cap, auto-commit, the
-- last run so a reloaded tab can run it again) and the safeguards of each environment tag.

ALTER TABLE "tabs" ADD COLUMN "timeout_seconds" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "tabs" ADD COLUMN "row_cap" INTEGER NOT NULL DEFAULT 10000;
ALTER TABLE "tabs" ADD COLUMN "autocommit" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "tabs" ADD COLUMN "last_run" TEXT;

CREATE TABLE "tag_policies" (
    "tag" TEXT NOT NULL PRIMARY KEY,
    "policy" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL
);
