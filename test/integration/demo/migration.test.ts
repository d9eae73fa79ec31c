import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../../prisma/client";
import { prismaDir } from "../../../src/main/features/demo/prisma-dir";
import { applyMigrations, readMigrations } from "../../../src/main/features/demo/prisma-migrations";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";

describe.each<Major>([15, 18])("the demo schema's migration on PostgreSQL %i", (major) => {
  let db: FreshDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await freshDatabase(major, "demo_mig");
    const client = await db.pool.connect();
    try {
      await applyMigrations(client, await readMigrations(join(prismaDir(), "migrations")));
    } finally {
      client.release();
    }
    prisma = createPrismaClient(db.connection);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db.drop();
  });

  it("records the migration in _prisma_migrations exactly as Prisma does", async () => {
    const { rows } = await db.pool.query(
      `SELECT id, checksum, migration_name, finished_at, rolled_back_at, logs, applied_steps_count FROM _prisma_migrations`,
    );
    expect(rows).toHaveLength(1);
    const file = await readFile(join(prismaDir(), "migrations", rows[0].migration_name, "migration.sql"));
    expect(rows[0]).toMatchObject({
      checksum: createHash("sha256").update(file).digest("hex"),
      migration_name: "20261125214500_init",
      rolled_back_at: null,
      logs: null,
      applied_steps_count: 1,
    });
    expect(rows[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0].finished_at).toBeInstanceOf(Date);
  });

  it("applies nothing the second time and refuses a migration edited after it was applied", async () => {
    const migrations = await readMigrations(join(prismaDir(), "migrations"));
    const client = await db.pool.connect();
    try {
      expect(await applyMigrations(client, migrations)).toEqual([]);
      const edited = migrations.map((m) => ({ ...m, checksum: "0".repeat(64) }));
      await expect(applyMigrations(client, edited)).rejects.toThrow(/was modified after it was applied/);
    } finally {
      client.release();
    }
  });

  it("has section 9's partial, full-text and trigram indexes", async () => {
    const { rows } = await db.pool.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'idx_%' ORDER BY 1`,
    );
    const defs = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]));
    expect(defs.idx_orders_pending).toMatch(/WHERE \(status = ANY/);
    expect(defs.idx_users_active).toMatch(/WHERE \(\(deleted_at IS NULL\) AND \(email_verified = true\)\)/);
    expect(defs.idx_products_fts).toMatch(/USING gin \(to_tsvector\('italian'/);
    expect(defs.idx_products_fts_english).toMatch(/to_tsvector\('english'/);
    expect(defs.idx_products_trigram).toMatch(/gin_trgm_ops/);
  });

  it("creates, reads with relations, updates and deletes every model through the generated client", async () => {
    const p = prisma;
    const past = new Date("2025-06-01T10:00:00Z");
    // e-commerce
    const user = await p.user.create({
      data: { email: "crud@example.com", passwordHash: "h", firstName: "A", lastName: "B" },
    });
    const address = await p.address.create({
      data: {
        userId: user.id,
        firstName: "A",
        lastName: "B",
        street: "Via Roma 1",
        city: "Milano",
        state: "MI",
        zipCode: "20100",
      },
    });
    const root = await p.category.create({ data: { name: "Root", slug: "root" } });
    const child = await p.category.create({ data: { name: "Child", slug: "child", parentId: root.id } });
    const product = await p.product.create({
      data: {
        name: "Lamp",
        slug: "lamp",
        description: "A lamp",
        sku: "SKU-1",
        price: "19.90",
        categories: { create: { categoryId: child.id } },
        images: { create: { url: "https://example.com/l.png", isPrimary: true } },
      },
    });
    const variant = await p.productVariant.create({
      data: { productId: product.id, name: "Big", sku: "SKU-1-B", price: "24.90", options: { size: "L" } },
    });
    const cart = await p.cart.create({ data: { userId: user.id } });
    const cartItem = await p.cartItem.create({
      data: { cartId: cart.id, productId: product.id, variantId: variant.id, quantity: 2 },
    });
    const order = await p.order.create({
      data: {
        orderNumber: "ORD-1",
        userId: user.id,
        addressId: address.id,
        subtotal: "49.80",
        tax: "10.96",
        shippingCost: "0",
        total: "60.76",
        createdAt: past,
        items: {
          create: {
            productId: product.id,
            variantId: variant.id,
            name: "Lamp",
            sku: "SKU-1-B",
            price: "24.90",
            quantity: 2,
            total: "49.80",
          },
        },
        payments: {
          create: { amount: "60.76", method: "card", stripePaymentId: "pi_1", metadata: { brand: "visa" } },
        },
        timeline: { create: { type: "created", message: "Order created", metadata: { by: "test" } } },
      },
    });
    const review = await p.review.create({
      data: { userId: user.id, productId: product.id, rating: 5, title: "Great" },
    });
    const wish = await p.wishlistItem.create({ data: { userId: user.id, productId: product.id } });
    const session = await p.session.create({ data: { userId: user.id, token: "tok-1", expiresAt: past } });
    // SaaS
    const org = await p.organization.create({
      data: { name: "Acme", slug: "acme", domain: "acme.test", plan: "PRO" },
    });
    const saasUser = await p.saasUser.create({
      data: { email: "owner@acme.test", passwordHash: "h", name: "Owner" },
    });
    const member = await p.member.create({
      data: { organizationId: org.id, userId: saasUser.id, role: "OWNER" },
    });
    const workspace = await p.workspace.create({
      data: { organizationId: org.id, name: "Main", slug: "main", isDefault: true },
    });
    const project = await p.project.create({ data: { workspaceId: workspace.id, name: "Website" } });
    const invitation = await p.invitation.create({
      data: { organizationId: org.id, email: "new@acme.test", invitedById: saasUser.id, expiresAt: past },
    });
    const apiKey = await p.apiKey.create({
      data: { organizationId: org.id, name: "CI", keyHash: "abc", keyPrefix: "wby_abc" },
    });
    const subscription = await p.subscription.create({
      data: {
        organizationId: org.id,
        stripeSubscriptionId: "sub_1",
        stripePriceId: "price_1",
        status: "ACTIVE",
        currentPeriodStart: past,
        currentPeriodEnd: past,
      },
    });
    const usage = await p.usageLimit.create({
      data: { organizationId: org.id, feature: "projects", limit: 100, resetAt: past },
    });
    const saasSession = await p.saasSession.create({
      data: { userId: saasUser.id, token: "stok-1", expiresAt: past },
    });
    const audit = await p.auditLog.create({
      data: {
        organizationId: org.id,
        actorId: saasUser.id,
        action: "CREATE",
        entity: "Project",
        entityId: project.id,
        metadata: { after: { name: "Website" } },
        ipAddress: "10.0.0.1",
      },
    });
    const shopAudit = await p.auditLog.create({
      data: { action: "CREATE", entity: "User", entityId: user.id },
    });
    const ev1 = await p.event.create({
      data: {
        streamId: order.id,
        streamType: "Order",
        type: "OrderPlaced",
        version: 1,
        data: { total: 60.76 },
      },
    });
    const ev2 = await p.event.create({
      data: { streamId: order.id, streamType: "Order", type: "OrderPaid", version: 2, data: {} },
    });
    expect(ev2.position).toBeGreaterThan(ev1.position);
    await expect(
      p.event.create({
        data: { streamId: order.id, streamType: "Order", type: "Dup", version: 2, data: {} },
      }),
    ).rejects.toThrow();
    expect(invitation.token).toMatch(/^c[a-z0-9]+$/);

    // reads with relations
    const fullUser = await p.user.findUniqueOrThrow({
      where: { id: user.id },
      include: {
        addresses: true,
        orders: true,
        reviews: true,
        cart: { include: { items: true } },
        wishlist: true,
        sessions: true,
      },
    });
    expect(fullUser.cart?.items.map((i) => i.id)).toEqual([cartItem.id]);
    expect([
      fullUser.addresses.length,
      fullUser.orders.length,
      fullUser.reviews.length,
      fullUser.wishlist.length,
      fullUser.sessions.length,
    ]).toEqual([1, 1, 1, 1, 1]);
    const fullProduct = await p.product.findUniqueOrThrow({
      where: { id: product.id },
      include: {
        categories: { include: { category: { include: { parent: true } } } },
        variants: true,
        images: true,
        reviews: true,
        cartItems: true,
        orderItems: true,
        wishlistItems: true,
      },
    });
    expect(fullProduct.categories[0]?.category.parent?.slug).toBe("root");
    expect(fullProduct.price.toString()).toBe("19.9");
    expect(fullProduct.variants[0]?.options).toEqual({ size: "L" });
    const fullOrder = await p.order.findUniqueOrThrow({
      where: { id: order.id },
      include: {
        user: true,
        address: true,
        items: { include: { product: true, variant: true } },
        payments: true,
        timeline: true,
      },
    });
    expect(fullOrder.items[0]?.variant?.sku).toBe("SKU-1-B");
    expect(fullOrder.payments[0]?.metadata).toEqual({ brand: "visa" });
    expect(fullOrder.timeline[0]?.type).toBe("created");
    expect(fullOrder.createdAt.toISOString()).toBe(past.toISOString());
    const rootWithChildren = await p.category.findUniqueOrThrow({
      where: { id: root.id },
      include: { children: true },
    });
    expect(rootWithChildren.children.map((c) => c.id)).toEqual([child.id]);
    const fullOrg = await p.organization.findUniqueOrThrow({
      where: { id: org.id },
      include: {
        members: { include: { user: true } },
        workspaces: { include: { projects: true } },
        invitations: { include: { invitedBy: true } },
        apiKeys: true,
        auditLogs: true,
        subscriptions: true,
        usageLimits: true,
      },
    });
    expect(fullOrg.members[0]?.user.email).toBe("owner@acme.test");
    expect(fullOrg.workspaces[0]?.projects[0]?.name).toBe("Website");
    expect(fullOrg.invitations[0]?.invitedBy.id).toBe(saasUser.id);
    expect([
      fullOrg.apiKeys.length,
      fullOrg.auditLogs.length,
      fullOrg.subscriptions.length,
      fullOrg.usageLimits.length,
    ]).toEqual([1, 1, 1, 1]);
    const fullSaasUser = await p.saasUser.findUniqueOrThrow({
      where: { id: saasUser.id },
      include: { memberships: true, invitations: true, sessions: true },
    });
    expect(fullSaasUser.sessions[0]?.token).toBe("stok-1");
    const streamEvents = await p.event.findMany({
      where: { streamId: order.id },
      orderBy: { version: "asc" },
    });
    expect(streamEvents.map((e) => e.type)).toEqual(["OrderPlaced", "OrderPaid"]);

    // updates
    await p.user.update({ where: { id: user.id }, data: { role: "ADMIN", deletedAt: past } });
    await p.address.update({ where: { id: address.id }, data: { type: "BILLING" } });
    await p.category.update({ where: { id: child.id }, data: { sortOrder: 3 } });
    await p.product.update({
      where: { id: product.id },
      data: { stock: { increment: 5 }, compareAtPrice: "29.90" },
    });
    await p.productVariant.update({ where: { id: variant.id }, data: { options: { size: "XL" } } });
    await p.productImage.updateMany({ where: { productId: product.id }, data: { alt: "Lamp" } });
    await p.cart.update({ where: { id: cart.id }, data: { updatedAt: past } });
    await p.cartItem.update({ where: { id: cartItem.id }, data: { quantity: 3 } });
    await p.order.update({ where: { id: order.id }, data: { status: "SHIPPED" } });
    await p.orderItem.updateMany({ where: { orderId: order.id }, data: { quantity: 1 } });
    await p.orderEvent.updateMany({ where: { orderId: order.id }, data: { message: "Created" } });
    await p.payment.updateMany({ where: { orderId: order.id }, data: { status: "SUCCEEDED" } });
    await p.review.update({ where: { id: review.id }, data: { isApproved: true } });
    await p.wishlistItem.update({ where: { id: wish.id }, data: { createdAt: past } });
    await p.session.update({ where: { id: session.id }, data: { ipAddress: "127.0.0.1" } });
    await p.productCategory.update({
      where: { productId_categoryId: { productId: product.id, categoryId: child.id } },
      data: { categoryId: root.id },
    });
    await p.organization.update({ where: { id: org.id }, data: { plan: "ENTERPRISE" } });
    await p.saasUser.update({ where: { id: saasUser.id }, data: { lastLoginAt: past } });
    await p.member.update({ where: { id: member.id }, data: { role: "ADMIN" } });
    await p.workspace.update({ where: { id: workspace.id }, data: { color: "#000000" } });
    await p.project.update({ where: { id: project.id }, data: { status: "ARCHIVED" } });
    await p.invitation.update({ where: { id: invitation.id }, data: { status: "ACCEPTED" } });
    await p.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: past } });
    await p.subscription.update({ where: { id: subscription.id }, data: { status: "PAST_DUE" } });
    await p.usageLimit.update({ where: { id: usage.id }, data: { used: { increment: 1 } } });
    await p.saasSession.update({ where: { id: saasSession.id }, data: { userAgent: "test" } });
    await p.auditLog.update({ where: { id: audit.id }, data: { ipAddress: "10.0.0.2" } });
    await p.event.update({ where: { id: ev2.id }, data: { metadata: { corrected: true } } });
    const updatedOrder = await p.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { payments: true, items: true },
    });
    expect(updatedOrder.status).toBe("SHIPPED");
    expect(updatedOrder.payments[0]?.status).toBe("SUCCEEDED");
    expect((await p.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(5);
    expect(
      (
        await p.usageLimit.findUniqueOrThrow({
          where: { organizationId_feature: { organizationId: org.id, feature: "projects" } },
        })
      ).used,
    ).toBe(1);

    // deletes, children first where the relation restricts
    await p.event.deleteMany({ where: { streamId: order.id } });
    await p.auditLog.delete({ where: { id: shopAudit.id } });
    await p.saasSession.delete({ where: { id: saasSession.id } });
    await p.usageLimit.delete({ where: { id: usage.id } });
    await p.subscription.delete({ where: { id: subscription.id } });
    await p.apiKey.delete({ where: { id: apiKey.id } });
    await p.invitation.delete({ where: { id: invitation.id } });
    await p.project.delete({ where: { id: project.id } });
    await p.workspace.delete({ where: { id: workspace.id } });
    await p.member.delete({ where: { id: member.id } });
    await p.organization.delete({ where: { id: org.id } });
    expect(await p.auditLog.count({ where: { id: audit.id } })).toBe(0); // cascaded with its tenant
    await p.saasUser.delete({ where: { id: saasUser.id } });
    await p.session.delete({ where: { id: session.id } });
    await p.wishlistItem.delete({ where: { id: wish.id } });
    await p.review.delete({ where: { id: review.id } });
    await p.payment.deleteMany({ where: { orderId: order.id } });
    await p.orderEvent.deleteMany({ where: { orderId: order.id } });
    await p.orderItem.deleteMany({ where: { orderId: order.id } });
    await p.order.delete({ where: { id: order.id } });
    await p.cartItem.delete({ where: { id: cartItem.id } });
    await p.cart.delete({ where: { id: cart.id } });
    await p.productImage.deleteMany({ where: { productId: product.id } });
    await p.productCategory.deleteMany({ where: { productId: product.id } });
    await p.productVariant.delete({ where: { id: variant.id } });
    await p.product.delete({ where: { id: product.id } });
    await p.category.delete({ where: { id: child.id } });
    await p.category.delete({ where: { id: root.id } });
    await p.address.delete({ where: { id: address.id } });
    await p.user.delete({ where: { id: user.id } });
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', tablename), false, true, '')))[1]::text::int)::int AS n
       FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it("drops everything again with down.sql", async () => {
    const down = await readFile(join(prismaDir(), "migrations", "20261125214500_init", "down.sql"), "utf8");
    const c = new pg.Client(db.connection);
    await c.connect();
    try {
      await prisma.$disconnect();
      await c.query(down);
      const { rows } = await c.query(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      );
      expect(rows[0].n).toBe(0);
      const types = await c.query(
        `SELECT count(*)::int AS n FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`,
      );
      expect(types.rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
  });
});
