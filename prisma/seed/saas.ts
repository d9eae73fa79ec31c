import { createHash, randomBytes } from "node:crypto";
import { withAuditActor } from "../extensions/audit-context";
import { after, daysAgo, type SeedEnv } from "./seed-env";

const FEATURES = ["members", "workspaces", "projects", "apiKeys"] as const;
const LIMITS = {
  FREE: { members: 3, workspaces: 1, projects: 5, apiKeys: 1 },
  STARTER: { members: 10, workspaces: 5, projects: 25, apiKeys: 5 },
  PRO: { members: 50, workspaces: 20, projects: 100, apiKeys: 20 },
  ENTERPRISE: { members: 999999, workspaces: 999999, projects: 999999, apiKeys: 999999 },
} as const;
type Plan = keyof typeof LIMITS;

/** Tenants with their members, workspaces, projects, invitations, API keys and billing. */
export async function seedSaas(env: SeedEnv): Promise<void> {
  const { db, faker } = env;
  const users: Array<{ id: string }> = [];
  for (let i = 0; i < env.size.saasUsers; i++) {
    const name = faker.person.fullName();
    const at = daysAgo(env, faker.number.int({ min: 40, max: 400 }));
    const u = await withAuditActor({ actorType: "user", ipAddress: faker.internet.ipv4(), at }, () =>
      db.saasUser.create({
        data: {
          email: `${faker.internet
            .username({ firstName: name })
            .toLowerCase()
            .replace(/[^a-z0-9._-]/g, "")}.${i}@${faker.internet.domainName()}`,
          passwordHash: env.passwordHash,
          name,
          avatarUrl: faker.image.avatar(),
          emailVerified: faker.datatype.boolean(0.85),
          lastLoginAt: daysAgo(env, faker.number.int({ min: 0, max: 30 })),
          createdAt: at,
        },
      }),
    );
    users.push(u);
    await withAuditActor({ actorId: u.id, actorType: "user", at }, () =>
      db.saasSession.create({
        data: {
          userId: u.id,
          token: randomBytes(24).toString("base64url"),
          expiresAt: new Date(at.getTime() + 14 * 86_400_000),
          ipAddress: faker.internet.ipv4(),
          userAgent: faker.internet.userAgent(),
          createdAt: at,
        },
      }),
    );
  }
  const orgs = env.size.organizations;
  for (let o = 0; o < orgs; o++) {
    env.tick(o / orgs);
    const owner = users[o % users.length]!;
    const company = faker.company.name();
    const slug = `${company
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")}-${o}`;
    const createdAt = daysAgo(env, faker.number.int({ min: 200, max: 380 }));
    const plan = faker.helpers.weightedArrayElement<Plan>([
      { value: "FREE", weight: 3 },
      { value: "STARTER", weight: 3 },
      { value: "PRO", weight: 3 },
      { value: "ENTERPRISE", weight: 1 },
    ]);
    const org = await withAuditActor({ actorId: owner.id, actorType: "user", at: createdAt }, () =>
      db.organization.create({
        data: {
          name: company,
          slug,
          domain: `${slug}.example`,
          plan: "FREE",
          trialEndsAt: new Date(createdAt.getTime() + 14 * 86_400_000),
          createdAt,
        },
      }),
    );
    await withAuditActor(
      { actorId: owner.id, actorType: "user", organizationId: org.id, at: createdAt },
      async () => {
        await db.member.create({
          data: { organizationId: org.id, userId: owner.id, role: "OWNER", joinedAt: createdAt },
        });
        for (const f of FEATURES) {
          await db.usageLimit.create({
            data: {
              organizationId: org.id,
              feature: f,
              limit: LIMITS.FREE[f],
              used: 0,
              resetAt: new Date(env.now.getTime() + 20 * 86_400_000),
              createdAt,
            },
          });
        }
        let t = createdAt;
        if (plan !== "FREE") {
          t = after(env, t, 24 * 20);
          await withAuditActor({ at: t }, async () => {
            await db.organization.update({
              where: { id: org.id },
              data: { plan, stripeCustomerId: `cus_${faker.string.alphanumeric(14)}`, trialEndsAt: null },
            });
            await db.subscription.create({
              data: {
                organizationId: org.id,
                stripeSubscriptionId: `sub_${faker.string.alphanumeric(14)}`,
                stripePriceId: `price_${plan.toLowerCase()}`,
                status: faker.helpers.weightedArrayElement([
                  { value: "ACTIVE" as const, weight: 8 },
                  { value: "PAST_DUE" as const, weight: 1 },
                  { value: "TRIALING" as const, weight: 1 },
                ]),
                currentPeriodStart: daysAgo(env, 10),
                currentPeriodEnd: new Date(env.now.getTime() + 20 * 86_400_000),
                createdAt: t,
              },
            });
            for (const f of FEATURES) {
              await db.usageLimit.update({
                where: { organizationId_feature: { organizationId: org.id, feature: f } },
                data: { limit: LIMITS[plan][f] },
              });
            }
          });
        }
        const teammates = faker.helpers.arrayElements(
          users.filter((u) => u.id !== owner.id),
          faker.number.int({ min: 2, max: 8 }),
        );
        for (const mate of teammates) {
          t = after(env, t, 24 * 10);
          await withAuditActor({ at: t }, () =>
            db.member.create({
              data: {
                organizationId: org.id,
                userId: mate.id,
                role: faker.helpers.arrayElement(["ADMIN", "MEMBER", "MEMBER", "VIEWER", "BILLING"] as const),
                joinedAt: t,
              },
            }),
          );
        }
        for (let w = 0; w < faker.number.int({ min: 1, max: 3 }); w++) {
          t = after(env, t, 24 * 7);
          const wsName = w === 0 ? "Default" : faker.commerce.department();
          await withAuditActor({ at: t }, async () => {
            const ws = await db.workspace.create({
              data: {
                organizationId: org.id,
                name: wsName,
                slug: `${wsName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${w}`,
                isDefault: w === 0,
                color: faker.color.rgb(),
                createdAt: t,
              },
            });
            for (let p = faker.number.int({ min: 1, max: 5 }); p > 0; p--) {
              const project = await db.project.create({
                data: {
                  workspaceId: ws.id,
                  name: faker.commerce.productName(),
                  description: faker.lorem.sentence(),
                  createdAt: t,
                },
              });
              if (faker.datatype.boolean(0.2))
                await withAuditActor({ at: after(env, t, 24 * 60) }, () =>
                  db.project.update({ where: { id: project.id }, data: { status: "ARCHIVED" } }),
                );
            }
          });
        }
        for (let k = faker.number.int({ min: 1, max: 3 }); k > 0; k--) {
          t = after(env, t, 24 * 5);
          const raw = `wby_${randomBytes(32).toString("hex")}`;
          await withAuditActor({ at: t }, () =>
            db.apiKey.create({
              data: {
                organizationId: org.id,
                name: faker.helpers.arrayElement(["CI", "Production", "Staging", "Zapier", "Analytics"]),
                keyHash: createHash("sha256").update(raw).digest("hex"),
                keyPrefix: raw.slice(0, 12),
                lastUsedAt: daysAgo(env, faker.number.int({ min: 0, max: 20 })),
                createdAt: t,
              },
            }),
          );
        }
        for (let i = faker.number.int({ min: 0, max: 3 }); i > 0; i--) {
          t = after(env, t, 24 * 5);
          await withAuditActor({ at: t }, async () => {
            const inv = await db.invitation.create({
              data: {
                organizationId: org.id,
                email: `${faker.internet
                  .username()
                  .toLowerCase()
                  .replace(/[^a-z0-9._-]/g, "")}.${o}.${i}@example.net`,
                role: "MEMBER",
                invitedById: owner.id,
                expiresAt: new Date(t.getTime() + 7 * 86_400_000),
                createdAt: t,
              },
            });
            const outcome = faker.helpers.arrayElement([
              "PENDING",
              "ACCEPTED",
              "EXPIRED",
              "REVOKED",
            ] as const);
            if (outcome !== "PENDING")
              await withAuditActor({ at: after(env, t, 24 * 6) }, () =>
                db.invitation.update({ where: { id: inv.id }, data: { status: outcome } }),
              );
          });
        }
      },
    );
  }
  // one tenant churned: the organization is soft-deleted, its history stays
  const churned =
    (await db.organization.findFirst({ where: { plan: "FREE" }, orderBy: { createdAt: "asc" } })) ??
    (await db.organization.findFirst({ orderBy: { createdAt: "asc" } }));
  if (churned) {
    await withAuditActor(
      { actorType: "system", organizationId: churned.id, at: daysAgo(env, 2) },
      async () => {
        const subs = await db.subscription.findMany({ where: { organizationId: churned.id } });
        for (const sub of subs)
          await db.subscription.update({
            where: { id: sub.id },
            data: { status: "CANCELED", cancelAtPeriodEnd: true },
          });
        await db.organization.delete({ where: { id: churned.id } });
      },
    );
  }
}
