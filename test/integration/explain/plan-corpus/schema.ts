/**
 * The corpus database: small tables shaped so that the planner picks every node type
 * (partitions, foreign tables through postgres_fdw on a loopback server, triggers, a
 * transition table whose trigger EXPLAINs a Named Tuplestore Scan, names that need quoting).
 */
export interface CorpusSchemaOptions {
  major: number;
  port: number;
  database: string;
  fdwUser: string;
  fdwPassword: string;
}

export function corpusSchema(o: CorpusSchemaOptions): string[] {
  return [
    `CREATE EXTENSION IF NOT EXISTS postgres_fdw`,
    `CREATE EXTENSION IF NOT EXISTS tsm_system_rows`,
    `CREATE TABLE t (id int PRIMARY KEY, k int NOT NULL, v int, note text, p point, created date)`,
    `INSERT INTO t SELECT g, g % 100, g % 7, 'note ' || g, point(g % 50, g % 30), date '2024-01-01' + (g % 365)
       FROM generate_series(1, 6000) g`,
    `CREATE INDEX t_k ON t (k)`,
    `CREATE INDEX t_k_v ON t (k, v)`,
    `CREATE INDEX t_v ON t (v)`,
    `CREATE INDEX t_p ON t USING gist (p)`,
    `CREATE TABLE c (id int PRIMARY KEY, name text NOT NULL, grp int)`,
    `INSERT INTO c SELECT g, 'c' || g, g % 10 FROM generate_series(1, 100) g`,
    `CREATE TABLE child (id int PRIMARY KEY, c_id int REFERENCES c (id), note text)`,
    `INSERT INTO child SELECT g, g % 100 + 1, 'x' || g FROM generate_series(1, 3000) g`,
    `CREATE INDEX child_c ON child (c_id)`,
    `CREATE TABLE parted (k int NOT NULL, id int NOT NULL, note text) PARTITION BY RANGE (k)`,
    `CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (25)`,
    `CREATE TABLE parted_2 PARTITION OF parted FOR VALUES FROM (25) TO (50)`,
    `CREATE TABLE parted_3 PARTITION OF parted FOR VALUES FROM (50) TO (75)`,
    `CREATE TABLE parted_4 PARTITION OF parted FOR VALUES FROM (75) TO (100)`,
    `INSERT INTO parted SELECT g % 100, g, 'p' || g FROM generate_series(1, 8000) g`,
    `CREATE INDEX parted_k_id ON parted (k, id)`,
    `CREATE INDEX parted_id ON parted (id)`,
    `CREATE TABLE parted2 (k int NOT NULL, w int) PARTITION BY RANGE (k)`,
    `CREATE TABLE parted2_1 PARTITION OF parted2 FOR VALUES FROM (0) TO (50)`,
    `CREATE TABLE parted2_2 PARTITION OF parted2 FOR VALUES FROM (50) TO (100)`,
    `INSERT INTO parted2 SELECT g % 100, g FROM generate_series(1, 2000) g`,
    `CREATE TABLE audit_log (at timestamptz DEFAULT now(), what text, n int)`,
    `CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO audit_log (what) VALUES (TG_OP); RETURN NEW; END $$`,
    `CREATE TABLE trig (id int PRIMARY KEY, v int)`,
    `INSERT INTO trig SELECT g, g FROM generate_series(1, 50) g`,
    `CREATE TRIGGER trig_before BEFORE INSERT OR UPDATE ON trig FOR EACH ROW EXECUTE FUNCTION audit_row()`,
    `CREATE TRIGGER trig_after AFTER INSERT ON trig FOR EACH ROW EXECUTE FUNCTION audit_row()`,
    `CREATE TABLE ruled (id int)`,
    `CREATE RULE ruled_also AS ON INSERT TO ruled DO ALSO INSERT INTO audit_log (what, n) VALUES ('rule', NEW.id)`,
    `CREATE TABLE nothing_here (id int)`,
    `CREATE RULE nothing_rule AS ON INSERT TO nothing_here DO INSTEAD NOTHING`,
    `CREATE TABLE captured (n serial, line text)`,
    `CREATE TABLE tstore (id int, v int)`,
    `CREATE FUNCTION tstore_explain() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE l text; opts text := current_setting('corpus.explain', true);
       BEGIN
         IF opts IS NULL OR opts = '' THEN RETURN NULL; END IF;
         FOR l IN EXECUTE format('EXPLAIN (%s) SELECT n.v, count(*) FROM newtab n WHERE n.v > 0 GROUP BY n.v', opts) LOOP
           INSERT INTO captured (line) VALUES (l);
         END LOOP;
         RETURN NULL;
       END $$`,
    `CREATE TRIGGER tstore_t AFTER INSERT ON tstore REFERENCING NEW TABLE AS newtab
       FOR EACH STATEMENT EXECUTE FUNCTION tstore_explain()`,
    `CREATE SCHEMA "My Schema"`,
    `CREATE TABLE "My Schema"."we.ird ""t""" ("col x" int, "Note" text)`,
    `INSERT INTO "My Schema"."we.ird ""t""" SELECT g, CASE WHEN g % 3 = 0 THEN 'it''s, "quoted"' ELSE 'naïve ☃日本語テキスト' END
       FROM generate_series(1, 300) g`,
    `CREATE TABLE remote_sink (id int, v int)`,
    `CREATE TABLE fp_remote_1 (k int, id int)`,
    `CREATE TABLE fp_remote_2 (k int, id int)`,
    `INSERT INTO fp_remote_1 SELECT g % 50, g FROM generate_series(1, 500) g`,
    `INSERT INTO fp_remote_2 SELECT 50 + g % 50, g FROM generate_series(1, 500) g`,
    `CREATE SERVER loop FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '${o.port}',
       dbname '${o.database}', async_capable 'true', batch_size '10')`,
    `CREATE USER MAPPING FOR CURRENT_USER SERVER loop OPTIONS (user '${o.fdwUser}', password '${o.fdwPassword}')`,
    `CREATE FOREIGN TABLE ft_t (id int, k int, v int, note text) SERVER loop OPTIONS (table_name 't')`,
    `CREATE FOREIGN TABLE ft_c (id int, name text, grp int) SERVER loop OPTIONS (table_name 'c')`,
    `CREATE FOREIGN TABLE ft_sink (id int, v int) SERVER loop OPTIONS (table_name 'remote_sink')`,
    `CREATE TABLE fparted (k int, id int) PARTITION BY RANGE (k)`,
    `CREATE FOREIGN TABLE fparted_1 PARTITION OF fparted FOR VALUES FROM (0) TO (50) SERVER loop
       OPTIONS (table_name 'fp_remote_1')`,
    `CREATE FOREIGN TABLE fparted_2 PARTITION OF fparted FOR VALUES FROM (50) TO (100) SERVER loop
       OPTIONS (table_name 'fp_remote_2')`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${o.fdwUser}`,
    `VACUUM ANALYZE`,
    // heap pages no longer all-visible, so index-only scans fetch from the heap (deterministically)
    `UPDATE t SET note = note WHERE id % 5 = 0 AND k BETWEEN 10 AND 12`,
    // rolled-back writes leave dead rows: keep autovacuum from re-planning between two runs
    ...[
      "t",
      "c",
      "child",
      "parted_1",
      "parted_2",
      "parted_3",
      "parted_4",
      "parted2_1",
      "parted2_2",
      "audit_log",
      "trig",
      "ruled",
      "tstore",
      "captured",
      "remote_sink",
      "fp_remote_1",
      "fp_remote_2",
    ].map((name) => `ALTER TABLE ${name} SET (autovacuum_enabled = false)`),
  ];
}
