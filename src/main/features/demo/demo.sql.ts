import { sql } from "../../db/sql";

export const DEMO_DATABASE = "pgdesk_demo";

export const demoDatabaseExists = sql`SELECT 1 FROM pg_database WHERE datname = $1`;
/** CREATE DATABASE takes no parameters; the name is the constant above, quoted. */
export const createDemoDatabase = sql`CREATE DATABASE "pgdesk_demo"`;
export const dropDemoDatabase = sql`DROP DATABASE IF EXISTS "pgdesk_demo" WITH (FORCE)`;
