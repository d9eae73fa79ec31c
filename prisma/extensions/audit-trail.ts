import { Prisma, type PrismaClient } from "../../src/generated/prisma/client";
import { auditContext } from "./audit-context";
import { changedFields, snapshot, toPlain } from "./audit-snapshot";

/** The log itself and the event store (already an append-only history) are not audited. */
const NOT_AUDITED = new Set(["AuditLog", "Event"]);

interface Finder {
  findUnique(args: { where: unknown }): Promise<unknown>;
}
type Row = Record<string, unknown> & { id?: unknown; organizationId?: unknown };

function finder(base: PrismaClient, model: string): Finder {
  return (base as unknown as Record<string, Finder>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
}

interface AuditEvent {
  action: "CREATE" | "UPDATE" | "DELETE";
  model: string;
  before?: Row | null;
  after?: Row | null;
}

function auditRow(e: AuditEvent) {
  const ctx = auditContext.getStore();
  const row = e.after ?? e.before ?? {};
  const before = toPlain(e.before);
  const after = toPlain(e.after);
  const tenant =
    ctx?.organizationId ??
    (typeof row.organizationId === "string" ? row.organizationId : undefined) ??
    (e.model === "Organization" && typeof row.id === "string" ? row.id : undefined);
  return {
    organizationId: tenant ?? null,
    actorId: ctx?.actorId ?? null,
    action: e.action,
    entity: e.model,
    entityId: typeof row.id === "string" ? row.id : null,
    ipAddress: ctx?.ipAddress ?? null,
    // a bulk create logs each row at its own creation time when it has one
    createdAt:
      e.action === "CREATE" && row.createdAt instanceof Date ? row.createdAt : (ctx?.at ?? new Date()),
    metadata: {
      ...(before ? { before: snapshot(before) } : {}),
      ...(after ? { after: snapshot(after) } : {}),
      ...(e.action === "UPDATE" || (e.action === "DELETE" && after)
        ? { changes: changedFields(before, after) }
        : {}),
      actorType: ctx?.actorType ?? "system",
      ...(ctx?.userAgent ? { userAgent: ctx.userAgent } : {}),
    } as Prisma.InputJsonValue,
  };
}

/**
 * Catalog section 13: every create, update and delete writes an audit_logs row with the
 * actor from AsyncLocalStorage, before/after snapshots, the changed fields, and secrets
 * (passwordHash, token, keyHash) redacted. Applied over the soft-delete extension, a
 * delete is logged as DELETE with the soft-deleted row as `after`.
 * The log is written on `base`, outside any interactive transaction of the caller.
 */
export function auditTrail(base: PrismaClient) {
  const write = (e: AuditEvent) => base.auditLog.create({ data: auditRow(e) });
  return Prisma.defineExtension({
    name: "audit-trail",
    query: {
      $allModels: {
        async create({ model, args, query }) {
          const result = (await query(args)) as Row;
          if (!NOT_AUDITED.has(model)) await write({ action: "CREATE", model, after: result });
          return result;
        },
        async createManyAndReturn({ model, args, query }) {
          const rows = (await query(args)) as Row[];
          if (!NOT_AUDITED.has(model) && rows.length > 0) {
            await base.auditLog.createMany({
              data: rows.map((after) => auditRow({ action: "CREATE", model, after })),
            });
          }
          return rows;
        },
        async update({ model, args, query }) {
          if (NOT_AUDITED.has(model)) return query(args);
          const before = (await finder(base, model).findUnique({ where: args.where })) as Row | null;
          const result = (await query(args)) as Row;
          await write({ action: "UPDATE", model, before, after: result });
          return result;
        },
        async delete({ model, args, query }) {
          if (NOT_AUDITED.has(model)) return query(args);
          const before = (await finder(base, model).findUnique({ where: args.where })) as Row | null;
          const result = (await query(args)) as Row;
          // a soft delete returns the row as it is now; a hard delete returns what was removed
          const softDeleted = result && "deletedAt" in result && result.deletedAt !== null;
          await write({ action: "DELETE", model, before, after: softDeleted ? result : null });
          return result;
        },
      },
    },
  });
}
