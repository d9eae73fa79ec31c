/*
 * The round-trip corpus: at least one instance of every object kind issue #17 names, with
 * quoted, mixed-case, unicode and reserved-word names, cross-schema dependencies and
 * cycles (mutually referencing tables; a view used by a function used by a default).
 * Built once per server per test file. Roles are cluster-wide, so they are created only
 * when missing (several test files share a server).
 */

/**
 * Roles the corpus grants to and owns objects as. Roles are per cluster and two test files
 * create them at the same time: whoever comes second finds them there.
 */
export const corpusRoles = `
  DO $$ BEGIN
    CREATE ROLE corpus_reader;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$;
  DO $$ BEGIN
    CREATE ROLE "Corpus Owner";
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$;`;

export const corpus = `
  CREATE EXTENSION hstore;
  CREATE EXTENSION citext;
  CREATE EXTENSION btree_gist;
  CREATE EXTENSION pg_trgm;
  CREATE EXTENSION postgres_fdw;

  CREATE SCHEMA "Odd Schema";
  CREATE SCHEMA "select";
  CREATE SCHEMA ünï AUTHORIZATION "Corpus Owner";
  COMMENT ON SCHEMA "Odd Schema" IS 'a schema with a space';
  GRANT USAGE ON SCHEMA "Odd Schema" TO corpus_reader;

  -- types of every kind
  CREATE TYPE "Odd Schema"."Mood" AS ENUM ('sad', 'ok', 'it''s great');
  CREATE DOMAIN public.positive_int AS integer DEFAULT 1 NOT NULL CONSTRAINT positive CHECK (VALUE > 0);
  CREATE DOMAIN public.later_checked AS text;
  ALTER DOMAIN public.later_checked ADD CONSTRAINT short CHECK (length(VALUE) < 10) NOT VALID;
  CREATE DOMAIN "select"."Code" AS text COLLATE "C" CHECK (VALUE ~ '^[A-Z]+$');
  CREATE TYPE public.address AS (street text, "zip Code" varchar(10) COLLATE "C");
  COMMENT ON TYPE public.address IS 'postal address';
  COMMENT ON COLUMN public.address.street IS 'street and number';
  CREATE TYPE public.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi, multirange_type_name = public.floatmultirange);
  CREATE TYPE ünï.ränge AS RANGE (subtype = text, collation = "C");
  CREATE TYPE public.shelltext;
  CREATE FUNCTION public.shelltext_in(cstring) RETURNS public.shelltext LANGUAGE internal IMMUTABLE STRICT AS 'textin';
  CREATE FUNCTION public.shelltext_out(public.shelltext) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'textout';
  CREATE TYPE public.shelltext (INPUT = public.shelltext_in, OUTPUT = public.shelltext_out, LIKE = text, CATEGORY = 'S');
  GRANT USAGE ON TYPE "Odd Schema"."Mood" TO corpus_reader;

  CREATE COLLATION public.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
  CREATE COLLATION "select"."posix c" (provider = libc, locale = 'C');

  CREATE SEQUENCE public.invoice_no AS bigint INCREMENT BY 5 START WITH 100 CACHE 1;
  CREATE UNLOGGED SEQUENCE "select".scratch MINVALUE -10 MAXVALUE 10 START -10 CYCLE;

  -- mutually referencing tables across schemas (an FK cycle)
  CREATE TABLE public.customers (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 3 CACHE 2) PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    "Full Name" text COLLATE "C",
    mood "Odd Schema"."Mood" DEFAULT 'ok',
    score positive_int,
    addr address,
    tags hstore,
    email_lower text GENERATED ALWAYS AS (lower(email::text)) STORED,
    "deletedAt" timestamptz,
    best_order bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT email_has_at CHECK (email::text LIKE '%@%') NOT VALID
  ) WITH (fillfactor = 80, autovacuum_enabled = false);
  ALTER TABLE public.customers ALTER COLUMN "Full Name" SET STORAGE EXTERNAL;
  ALTER TABLE public.customers ALTER COLUMN email SET STATISTICS 500;
  ALTER TABLE public.customers ALTER COLUMN tags SET (n_distinct = 100);
  COMMENT ON TABLE public.customers IS 'people who buy';
  COMMENT ON COLUMN public.customers.email IS 'unique e-mail';
  CREATE TABLE "select"."order" (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    "user" text,
    total numeric(12, 2) CHECK (total >= 0),
    invoice bigint DEFAULT nextval('public.invoice_no'),
    during tstzrange,
    EXCLUDE USING gist (customer_id WITH =, during WITH &&)
  );
  ALTER TABLE public.customers ADD CONSTRAINT best_order_fk FOREIGN KEY (best_order) REFERENCES "select"."order" (id) ON UPDATE SET NULL;
  ALTER TABLE "select"."order" REPLICA IDENTITY FULL;
  CREATE INDEX "order by user" ON "select"."order" ("user" text_pattern_ops) WHERE "user" IS NOT NULL;
  CREATE INDEX customers_name_trgm ON public.customers USING gin ("Full Name" gin_trgm_ops);
  CREATE UNIQUE INDEX customers_lower_email ON public.customers (lower(email::text)) INCLUDE (id) WITH (fillfactor = 70);
  ALTER TABLE public.customers REPLICA IDENTITY USING INDEX customers_email_key;
  ALTER TABLE public.customers ENABLE ROW LEVEL SECURITY;
  ALTER TABLE public.customers FORCE ROW LEVEL SECURITY;
  CREATE POLICY "own rows" ON public.customers AS RESTRICTIVE FOR SELECT TO corpus_reader USING ("deletedAt" IS NULL);
  CREATE POLICY writers ON public.customers FOR INSERT WITH CHECK (score > 0);
  GRANT SELECT, INSERT ON public.customers TO corpus_reader;
  GRANT SELECT (email), UPDATE ("Full Name") ON public.customers TO "Corpus Owner";
  GRANT ALL ON SEQUENCE public.invoice_no TO corpus_reader WITH GRANT OPTION;
  CREATE STATISTICS public.cust_stats (dependencies, ndistinct) ON mood, score FROM public.customers;
  ALTER STATISTICS public.cust_stats SET STATISTICS 200;
  CREATE STATISTICS "select".order_expr ON (total * 2), "user" FROM "select"."order";

  -- a view used by a function used by a default
  CREATE TABLE public.ledger (id int PRIMARY KEY, amount numeric NOT NULL, next_no int);
  CREATE VIEW public.ledger_sum WITH (security_barrier = true) AS SELECT count(*)::int AS n FROM public.ledger;
  CREATE FUNCTION public.next_ledger_no() RETURNS int LANGUAGE sql STABLE
    BEGIN ATOMIC SELECT n + 1 FROM public.ledger_sum; END;
  ALTER TABLE public.ledger ALTER COLUMN next_no SET DEFAULT public.next_ledger_no();

  CREATE VIEW "select".big_orders WITH (security_invoker = true) AS
    SELECT id, customer_id, total FROM "select"."order" WHERE total > 100 WITH CASCADED CHECK OPTION;
  CREATE VIEW ünï.vüe AS SELECT id, total FROM "select".big_orders WITH LOCAL CHECK OPTION;
  CREATE MATERIALIZED VIEW public.mood_counts WITH (fillfactor = 90) AS SELECT mood, count(*) AS n FROM public.customers GROUP BY mood;
  CREATE UNIQUE INDEX mood_counts_mood ON public.mood_counts (mood);
  COMMENT ON MATERIALIZED VIEW public.mood_counts IS 'how people feel';
  CREATE RULE "no delete" AS ON DELETE TO public.ledger DO INSTEAD NOTHING;
  ALTER TABLE public.ledger DISABLE RULE "no delete";

  -- functions, procedures, aggregates, a window function
  CREATE FUNCTION "Odd Schema"."Add One"(x integer DEFAULT 1) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN x + 1;
  COMMENT ON FUNCTION "Odd Schema"."Add One"(integer) IS 'adds one';
  REVOKE EXECUTE ON FUNCTION "Odd Schema"."Add One"(integer) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION "Odd Schema"."Add One"(integer) TO corpus_reader;
  CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
  BEGIN NEW."deletedAt" := NULL; RETURN NEW; END $$;
  CREATE PROCEDURE ünï.tidy(INOUT n int) LANGUAGE plpgsql AS $$ BEGIN n := n + 1; END $$;
  CREATE FUNCTION public.sum_sq_step(numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN coalesce($1, 0) + $2 * $2;
  CREATE AGGREGATE public.sum_sq(numeric) (SFUNC = public.sum_sq_step, STYPE = numeric, INITCOND = '0', PARALLEL = SAFE);
  CREATE AGGREGATE "select"."Concat All"(text ORDER BY text) (SFUNC = textcat, STYPE = text, INITCOND = '');
  CREATE AGGREGATE public.moving_sum(int) (SFUNC = int4pl, STYPE = int, MSFUNC = int4pl, MINVFUNC = int4mi, MSTYPE = int);
  CREATE FUNCTION public.my_rank() RETURNS bigint LANGUAGE internal WINDOW IMMUTABLE AS 'window_rank';

  CREATE TRIGGER "Touch It" BEFORE UPDATE ON public.customers FOR EACH ROW WHEN (OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt") EXECUTE FUNCTION public.touch();
  CREATE TRIGGER replica_touch BEFORE INSERT ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch();
  ALTER TABLE public.customers ENABLE REPLICA TRIGGER replica_touch;
  CREATE TRIGGER always_touch BEFORE INSERT ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch();
  ALTER TABLE public.customers ENABLE ALWAYS TRIGGER always_touch;
  CREATE TRIGGER off_touch BEFORE INSERT ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch();
  ALTER TABLE public.customers DISABLE TRIGGER off_touch;
  COMMENT ON TRIGGER "Touch It" ON public.customers IS 'keeps rows alive';

  CREATE FUNCTION public.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
  CREATE EVENT TRIGGER "Log DDL" ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION public.on_ddl();
  ALTER EVENT TRIGGER "Log DDL" DISABLE;

  -- partitions (with DEFAULT), plain inheritance, typed and unlogged tables
  CREATE TABLE public.events (id bigint NOT NULL, at date NOT NULL, body jsonb, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
  CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
  CREATE TABLE public.events_rest PARTITION OF public.events DEFAULT;
  CREATE INDEX events_at ON public.events (at);
  CREATE TABLE public.by_kind (kind text NOT NULL, n int) PARTITION BY LIST (kind);
  CREATE TABLE public.by_kind_ab PARTITION OF public.by_kind FOR VALUES IN ('a', 'b') PARTITION BY HASH (n);
  CREATE TABLE public.by_kind_ab0 PARTITION OF public.by_kind_ab FOR VALUES WITH (MODULUS 2, REMAINDER 0);
  CREATE TABLE public.by_kind_ab1 PARTITION OF public.by_kind_ab FOR VALUES WITH (MODULUS 2, REMAINDER 1);
  CREATE TABLE public.vehicles (id int PRIMARY KEY, wheels int CHECK (wheels >= 0), note text DEFAULT 'n/a');
  CREATE TABLE public.cars (doors int NOT NULL DEFAULT 4) INHERITS (public.vehicles);
  CREATE TABLE public.bikes (bell boolean) INHERITS (public.vehicles);
  CREATE TABLE public.letters OF public.address (street WITH OPTIONS NOT NULL);
  CREATE UNLOGGED TABLE "select"."table" ("column" int, "Ünïcode ✓" text);

  -- text search
  CREATE TEXT SEARCH TEMPLATE public.tpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);
  CREATE TEXT SEARCH PARSER public.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
  CREATE TEXT SEARCH DICTIONARY public.simple_dict (TEMPLATE = pg_catalog.simple, STOPWORDS = english);
  CREATE TEXT SEARCH CONFIGURATION public."My Config" (PARSER = public.prs);
  ALTER TEXT SEARCH CONFIGURATION public."My Config" ADD MAPPING FOR word, asciiword WITH public.simple_dict, english_stem;

  -- operators, operator classes and families, casts
  CREATE FUNCTION public.addr_eq(public.address, public.address) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN $1.street = $2.street;
  CREATE OPERATOR public.=== (FUNCTION = public.addr_eq, LEFTARG = public.address, RIGHTARG = public.address, COMMUTATOR = OPERATOR(public.===), RESTRICT = eqsel, JOIN = eqjoinsel);
  CREATE OPERATOR FAMILY public.int4_rev USING btree;
  CREATE OPERATOR CLASS public.int4_rev_ops FOR TYPE int4 USING btree FAMILY public.int4_rev AS
    OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 btint4cmp(int4, int4);
  ALTER OPERATOR FAMILY public.int4_rev USING btree ADD FUNCTION 4 (int4, int4) btequalimage(oid);
  CREATE FUNCTION public.mood_text("Odd Schema"."Mood") RETURNS text LANGUAGE sql IMMUTABLE RETURN $1::text;
  CREATE CAST ("Odd Schema"."Mood" AS text) WITH FUNCTION public.mood_text("Odd Schema"."Mood") AS ASSIGNMENT;
  CREATE CAST (public.address AS text) WITH INOUT;

  -- foreign data
  CREATE FOREIGN DATA WRAPPER "Dummy FDW" OPTIONS (debug 'true');
  CREATE SERVER dummy_srv TYPE 'kind' VERSION '1.0' FOREIGN DATA WRAPPER "Dummy FDW" OPTIONS (host 'nowhere');
  CREATE SERVER pg_remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', dbname 'elsewhere');
  CREATE USER MAPPING FOR corpus_reader SERVER pg_remote OPTIONS (user 'remote_reader');
  CREATE USER MAPPING FOR PUBLIC SERVER dummy_srv;
  CREATE FOREIGN TABLE public.remote_things (id int OPTIONS (column_name 'thing_id') NOT NULL, label text)
    SERVER pg_remote OPTIONS (schema_name 'remote', table_name 'things');
  GRANT USAGE ON FOREIGN SERVER pg_remote TO corpus_reader;

  -- publications and a subscription (no connection made, no secrets)
  CREATE PUBLICATION "All Orders" FOR TABLE "select"."order" WITH (publish = 'insert, update');
  CREATE PUBLICATION people FOR TABLE public.customers (id, email) WHERE (id > 1) WITH (publish = 'insert', publish_via_partition_root = true);
  CREATE PUBLICATION ünï_pub FOR TABLES IN SCHEMA ünï, TABLE public.events;
  CREATE SUBSCRIPTION sub_elsewhere CONNECTION 'host=127.0.0.1 dbname=elsewhere' PUBLICATION "All Orders"
    WITH (connect = false, slot_name = NONE);

  -- default privileges
  ALTER DEFAULT PRIVILEGES IN SCHEMA "select" GRANT SELECT ON TABLES TO corpus_reader;
  ALTER DEFAULT PRIVILEGES FOR ROLE "Corpus Owner" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

  -- owners other than the superuser
  ALTER TABLE public.vehicles OWNER TO "Corpus Owner";
  ALTER FUNCTION public.touch() OWNER TO "Corpus Owner";
  ALTER TYPE public.address OWNER TO "Corpus Owner";

  -- key types paging must be exact on, and columns without an ordering
  CREATE TABLE public.floats (f float8 PRIMARY KEY, r real, v text);
  CREATE TABLE public.numerics (n numeric PRIMARY KEY, m numeric(30, 10));
  CREATE TABLE public.collated (t text COLLATE "C" PRIMARY KEY, n int);
  CREATE TABLE public.ci_keys (t text COLLATE public.ci PRIMARY KEY);
  CREATE TABLE public.pairs (a int, b text, c float8, PRIMARY KEY (a, b, c));
  CREATE TABLE public.shapes (id int PRIMARY KEY, p point, j json, x xml, h hstore);

  -- rows, so paging has something to page
  INSERT INTO public.customers (email, "Full Name", mood, score) SELECT 'c' || g || '@x', 'Name ' || g, 'ok', g FROM generate_series(1, 25) g;
  INSERT INTO "select"."order" (customer_id, "user", total) SELECT 1000 + 3 * (g % 25), 'u' || g, g * 1.5 FROM generate_series(1, 40) g;
  INSERT INTO public.ledger (id, amount) SELECT g, g FROM generate_series(1, 5) g;
  INSERT INTO public.vehicles VALUES (1, 4), (2, 3);
  INSERT INTO public.cars VALUES (10, 4, 'sedan', 4), (11, 4, 'van', 5);
  INSERT INTO public.bikes VALUES (20, 2, 'city', true);
  INSERT INTO public.events VALUES (1, '2025-02-01', '{}'), (2, '2024-02-01', '{"a": 1}');
  INSERT INTO public.by_kind SELECT CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END, g FROM generate_series(1, 9) g;
  INSERT INTO "select"."table" SELECT g, 'x' || g FROM generate_series(1, 12) g;
  INSERT INTO public.floats SELECT g / 3.0::float8, g / 7.0::real, 'v' || g % 4 FROM generate_series(1, 30) g;
  INSERT INTO public.floats VALUES (0.1::float8 + 0.2::float8, 0.3, 'close'), (0.3, 0.3, 'close'),
    (1e-300, NULL, NULL), ('NaN', 'NaN', 'nan'), ('Infinity', '-Infinity', NULL), ('-Infinity', 1, NULL),
    (0.30000000000000009, 0.3, 'closer'), (2.0000000000000004, 2, 'next');
  INSERT INTO public.numerics SELECT g / 7.0, g / 3.0 FROM generate_series(1, 20) g;
  INSERT INTO public.numerics VALUES ('NaN', NULL), (1.00000000000000000000001, 1), (1e-40, 0);
  INSERT INTO public.collated VALUES ('a', 1), ('B', 2), ('b', 3), ('_x', 4), ('Z', 5), ('ä', 6), ('a b', 7), ('', 8);
  INSERT INTO public.ci_keys VALUES ('apple'), ('Banana'), ('cherry'), ('Äpfel'), ('zeta'), ('Zebra');
  INSERT INTO public.pairs SELECT g % 3, chr(65 + g % 5), g / 3.0 FROM generate_series(1, 30) g;
  INSERT INTO public.shapes SELECT g, point(g, g), '{"g": 1}', '<a/>', 'k=>v' FROM generate_series(1, 9) g;
  REFRESH MATERIALIZED VIEW public.mood_counts;
`;

/** PostgreSQL 18 only: named NOT NULL constraints, NOT ENFORCED, virtual generated columns. */
export const corpus18 = `
  CREATE TABLE public.pg18 (
    a int CONSTRAINT "a is required" NOT NULL,
    b int,
    c int GENERATED ALWAYS AS (b * 2) VIRTUAL,
    CONSTRAINT b_small CHECK (b < 100) NOT ENFORCED,
    CONSTRAINT a_ref FOREIGN KEY (a) REFERENCES public.ledger (id) NOT ENFORCED
  );
  ALTER TABLE public.pg18 ADD CONSTRAINT b_set NOT NULL b NOT VALID;
`;
