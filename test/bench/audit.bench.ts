// bench audit: entity timeline and filtered browse through the service vs the bare indexed SQL,
// and page 1 vs page 10,000 of the keyset browse. Default 10,000,000 audit rows (--scale=N).
import { encodeCursor } from "../../src/main/features/audit/audit-event.normalize";
import { browse, timeline } from "../../src/main/features/audit/audit.service";
import { createRedactor, DEFAULT_REDACTED_FIELDS } from "../../src/main/features/audit/redact";
import { pgdeskAuditMapping } from "../integration/audit/layouts.fixture";
import { alternate, benchDatabase, benchServer, median, report, scaleArg } from "./support";

const rows = scaleArg(10_000_000);
// each run is about a millisecond: many runs, so the median is the steady state (V8 optimizes the
// per-event code only after a few dozen pages) and not the shared machine's noise
const runs = 301;
const server = await benchServer();
const pool = await benchDatabase(server, "bench_audit");
try {
  console.log(`building audit_logs with ${rows} rows…`);
  await pool.query(`
    CREATE TABLE audit_logs (id text PRIMARY KEY, "organizationId" text NOT NULL, "actorId" text, action text NOT NULL,
      entity text NOT NULL, "entityId" text, metadata jsonb, "ipAddress" text, "createdAt" timestamp(3) NOT NULL)`);
  await pool.query(
    `INSERT INTO audit_logs
     SELECT lpad(g::text, 10, '0'), 'org_' || (g % 50), 'usr_' || (g % 1000), (ARRAY['CREATE','UPDATE','UPDATE','DELETE'])[1 + g % 4],
            (ARRAY['Order','User','Product','Payment'])[1 + (g / 7) % 4], 'e' || (g / 5),
            jsonb_build_object('before', jsonb_build_object('status', 'A', 'n', g), 'after', jsonb_build_object('status', 'B', 'n', g + 1),
                               'changes', jsonb_build_object('status', jsonb_build_object('from', 'A', 'to', 'B'))),
            '10.0.0.1', timestamp '2025-01-01' + g * interval '1 second'
     FROM generate_series(1, $1) g`,
    [rows],
  );
  await pool.query(`CREATE INDEX ON audit_logs (entity, "entityId", "createdAt")`);
  await pool.query(`CREATE INDEX ON audit_logs ("createdAt", id)`);
  await pool.query(`CREATE INDEX ON audit_logs (entity, "createdAt", id)`);
  await pool.query(`VACUUM ANALYZE audit_logs`);

  const mapping = pgdeskAuditMapping;
  const redactor = createRedactor(DEFAULT_REDACTED_FIELDS);
  const entityId = `e${Math.floor(rows / 10)}`;
  const [{ entity }] = (
    await pool.query<{ entity: string }>(`SELECT entity FROM audit_logs WHERE "entityId" = $1 LIMIT 1`, [
      entityId,
    ])
  ).rows as [{ entity: string }];

  const tl = await alternate(
    runs,
    () => timeline(pool, mapping, redactor, entity, entityId),
    () =>
      pool.query(
        `SELECT * FROM audit_logs WHERE entity = $1 AND "entityId" = $2 ORDER BY "createdAt", id LIMIT 2001`,
        [entity, entityId],
      ),
  );
  report(`audit/timeline-${rows}`, median(tl.app), median(tl.baseline), "ms", "<= 1.2", runs);

  const br = await alternate(
    runs,
    () => browse(pool, mapping, redactor, { entity: "Order" }, undefined, 50),
    () =>
      pool.query(
        `SELECT * FROM audit_logs WHERE entity = 'Order' ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
      ),
  );
  report(`audit/browse-filtered-${rows}`, median(br.app), median(br.baseline), "ms", "<= 1.2", runs);

  // the cursor of page 10,000 (found once with OFFSET, only to set the benchmark up)
  const depth = Math.min(10_000 * 50, Math.floor(rows / 4) - 50);
  const { rows: at } = await pool.query<{ time_key: string; id: string }>(
    `SELECT "createdAt"::text AS time_key, id FROM audit_logs WHERE entity = 'Order' ORDER BY "createdAt" DESC, id DESC OFFSET $1 LIMIT 1`,
    [depth - 1],
  );
  const deep = encodeCursor(at[0]!);
  const pages = await alternate(
    runs,
    () => browse(pool, mapping, redactor, { entity: "Order" }, deep, 50),
    () => browse(pool, mapping, redactor, { entity: "Order" }, undefined, 50),
  );
  report(
    `audit/browse-page-${depth / 50}-vs-1`,
    median(pages.app),
    median(pages.baseline),
    "ms",
    "<= 1.5",
    runs,
  );
} finally {
  await pool.end();
  await server.stop();
}
