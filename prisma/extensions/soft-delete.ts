import { Prisma, type PrismaClient } from "../../src/generated/prisma/client";
import { auditContext } from "./audit-context";

/** Models whose delete only stamps deletedAt (catalog section 12). */
export const SOFT_DELETE_MODELS = new Set(["User", "Product", "Organization", "Order"]);

type Where = Record<string, unknown> | undefined;
interface Delegate {
  update(args: { where: unknown; data: unknown }): Promise<unknown>;
  updateMany(args: { where: unknown; data: unknown }): Promise<{ count: number }>;
}

/** Reads see only live rows unless the caller asks about deletedAt itself. */
function live(where: Where): Record<string, unknown> {
  return where && "deletedAt" in where ? where : { ...where, deletedAt: null };
}

function delegate(base: PrismaClient, model: string): Delegate {
  return (base as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
}

/**
 * delete/deleteMany become updates of deletedAt; finds, counts and aggregates exclude
 * soft-deleted rows. Relations loaded with `include` are not filtered (a Prisma
 * extension cannot reach them); filter those with `where: { deletedAt: null }`.
 */
export function softDelete(base: PrismaClient) {
  const stamp = () => ({ deletedAt: auditContext.getStore()?.at ?? new Date() });
  const filterRead = async ({
    model,
    args,
    query,
  }: {
    model: string;
    args: { where?: Where };
    query: (a: unknown) => Promise<unknown>;
  }) => (SOFT_DELETE_MODELS.has(model) ? query({ ...args, where: live(args.where) }) : query(args));
  return Prisma.defineExtension({
    name: "soft-delete",
    query: {
      $allModels: {
        async delete({ model, args, query }) {
          if (!SOFT_DELETE_MODELS.has(model)) return query(args);
          return delegate(base, model).update({ where: args.where, data: stamp() });
        },
        async deleteMany({ model, args, query }) {
          if (!SOFT_DELETE_MODELS.has(model)) return query(args);
          return delegate(base, model).updateMany({ where: live(args.where as Where), data: stamp() });
        },
        findMany: filterRead,
        findFirst: filterRead,
        findFirstOrThrow: filterRead,
        findUnique: filterRead,
        findUniqueOrThrow: filterRead,
        count: filterRead,
        aggregate: filterRead,
        groupBy: filterRead,
      },
    },
  });
}
