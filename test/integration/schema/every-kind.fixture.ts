/** Outside the model (FDW plumbing): both source and round-trip target need it. */
export const foreignServerSetup = `
  CREATE FOREIGN DATA WRAPPER dummy_fdw;
  CREATE SERVER dummy_srv FOREIGN DATA WRAPPER dummy_fdw;`;

/**
 * A schema with every object kind the browser shows, names that need quoting
 * (spaces, quotes, unicode, reserved words, mixed case), partitions, plain
 * inheritance and a foreign-key cycle.
 */
export const everyKindSchema = `
  CREATE EXTENSION pg_stat_statements;
  CREATE SCHEMA "Odd Schema";
  COMMENT ON SCHEMA "Odd Schema" IS 'a schema with a space';
  CREATE TYPE "Odd Schema"."Mood" AS ENUM ('sad', 'ok', 'it''s great');
  CREATE DOMAIN public.positive_int AS integer DEFAULT 1 NOT NULL CONSTRAINT positive CHECK (VALUE > 0);
  CREATE TYPE public.address AS (street text, "zip Code" varchar(10) COLLATE "C");
  COMMENT ON TYPE public.address IS 'postal address';
  CREATE SEQUENCE public.invoice_no AS bigint INCREMENT BY 5 START WITH 100 CACHE 1;

  CREATE TABLE public.customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    "Full Name" text COLLATE "C",
    mood "Odd Schema"."Mood" DEFAULT 'ok',
    score positive_int,
    addr address,
    email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
    "deletedAt" timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    favorite_order integer
  );
  COMMENT ON TABLE public.customers IS 'It''s the customers';
  COMMENT ON COLUMN public.customers.email IS 'login e-mail';
  CREATE INDEX customers_deleted_idx ON public.customers ("deletedAt") WHERE "deletedAt" IS NULL;

  CREATE TABLE public.orders (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL,
    total numeric(12,2) CHECK (total >= 0),
    status text,
    placed_at timestamptz,
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers (id) ON DELETE CASCADE ON UPDATE RESTRICT
  );
  ALTER TABLE public.customers ADD CONSTRAINT customers_favorite_fk FOREIGN KEY (favorite_order) REFERENCES public.orders (id) ON DELETE SET NULL;
  ALTER TABLE public.orders ADD CONSTRAINT status_known CHECK (status IN ('new', 'paid')) NOT VALID;
  CREATE INDEX orders_customer_idx ON public.orders (customer_id, placed_at DESC);

  CREATE TABLE "Odd Schema"."select" (
    "Mixed Case" integer UNIQUE,
    "with ""quotes""" text,
    "tablé_ünï" text,
    CONSTRAINT "no same quotes" EXCLUDE USING btree ("with ""quotes""" WITH =)
  );
  CREATE TABLE "Odd Schema"."My ""Quoted"" Table" (
    id integer PRIMARY KEY,
    sel integer REFERENCES "Odd Schema"."select" ("Mixed Case") ON UPDATE CASCADE
  );

  CREATE TABLE public.events (id bigint NOT NULL, at date NOT NULL, payload jsonb, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
  CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
  CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;
  CREATE INDEX events_payload_idx ON public.events USING gin (payload);

  CREATE TABLE public.base_item (id integer, name text);
  CREATE TABLE public.special_item (extra text) INHERITS (public.base_item);
  CREATE RULE no_delete AS ON DELETE TO public.base_item DO INSTEAD NOTHING;

  CREATE VIEW public.active_customers AS SELECT id, email FROM public.customers WHERE "deletedAt" IS NULL;
  CREATE MATERIALIZED VIEW public.order_totals AS SELECT customer_id, sum(total) AS total FROM public.orders GROUP BY customer_id;
  CREATE UNIQUE INDEX order_totals_customer ON public.order_totals (customer_id);
  CREATE FOREIGN TABLE public.remote_things (id integer, label text) SERVER dummy_srv;

  CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.placed_at := now(); RETURN NEW; END$$;
  CREATE FUNCTION public.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
  CREATE PROCEDURE public.noop(x integer) LANGUAGE plpgsql AS $$BEGIN NULL; END$$;
  COMMENT ON FUNCTION public.add(integer, integer) IS 'adds';
  CREATE TRIGGER orders_touch BEFORE INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch();

  ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
  CREATE POLICY orders_own ON public.orders FOR SELECT TO public USING (customer_id > 0);
  CREATE POLICY orders_insert ON public.orders AS RESTRICTIVE FOR INSERT WITH CHECK (total < 1000000);`;
