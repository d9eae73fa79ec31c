// Prisma 7 reads the connection URL from here, not from the schema. Only `prisma migrate`
// and `prisma db seed` need it (e.g. DATABASE_URL copied from the demo profile);
// `prisma generate` runs without one.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "",
  },
});
