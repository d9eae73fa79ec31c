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

type Org = { id: string };
type User = { id: string };

/** Tenants with their members, workspaces, projects, invitations, API keys and billing. */
export async function seedSaas(env: SeedEnv): Promise<void> {
  const users = await seedSaasUsers(env);
  const orgs = env.size.organizations;
  for (let o = 0; o < orgs; o++) {
    env.tick(o / orgs);
    await seedTenant(env, users, o);
  }
  await churnOneTenant(env);
}

/** People who sign up, each with a login session. */
async function seedSaasUsers(env: SeedEnv): Promise<User[]> {
  const { db, faker } = env;
  const users: User[] = [];
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
  return users;
}

/**
 * One organization's life, step by step in time (`t` moves forward through each step):
 * created on the free plan, maybe upgraded, then teammates, workspaces, keys, invitations.
 * The order of the steps is the order of faker's draws, so a seed replays exactly.
 */
async function seedTenant(env: SeedEnv, users: User[], o: number): Promise<void> {
  const owner = users[o % users.length]!;
  const { org, createdAt, plan } = await createOrganization(env, owner, o);
  await withAuditActor(
    { actorId: owner.id, actorType: "user", organizationId: org.id, at: createdAt },
    async () => {
      await addOwnerAndLimits(env, org, owner, createdAt);
      let t = createdAt;
      if (plan !== "FREE") t = await upgradePlan(env, org, plan, t);
      t = await addTeammates(env, org, owner, users, t);
      t = await addWorkspaces(env, org, t);
      t = await addApiKeys(env, org, t);
      await addInvitations(env, org, owner, o, t);
    },
  );
}

async function createOrganization(env: SeedEnv, owner: User, o: number) {
  const { db, faker } = env;
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
  return { org, createdAt, plan };
}

async function addOwnerAndLimits(env: SeedEnv, org: Org, owner: User, createdAt: Date): Promise<void> {
  const { db } = env;
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
}

/** Leaves the trial for a paid plan: Stripe customer, subscription, the plan's limits. */
async function upgradePlan(env: SeedEnv, org: Org, plan: Exclude<Plan, "FREE">, from: Date): Promise<Date> {
  const { db, faker } = env;
  const t = after(env, from, 24 * 20);
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
  return t;
}

async function addTeammates(env: SeedEnv, org: Org, owner: User, users: User[], from: Date): Promise<Date> {
  const { db, faker } = env;
  let t = from;
  const teammates = faker.helpers.arrayElements(
    users.filter((u) => u.id !== owner.id),
    faker.number.int({ min: 2, max: 8 }),
  );
  for (const mate of teammates) {
    t = after(env, t, 24 * 10);
    const joinedAt = t;
    await withAuditActor({ at: joinedAt }, () =>
      db.member.create({
        data: {
          organizationId: org.id,
          userId: mate.id,
          role: faker.helpers.arrayElement(["ADMIN", "MEMBER", "MEMBER", "VIEWER", "BILLING"] as const),
          joinedAt,
        },
      }),
    );
  }
  return t;
}

/** Workspaces with their projects (a fifth of them archived later). */
async function addWorkspaces(env: SeedEnv, org: Org, from: Date): Promise<Date> {
  const { db, faker } = env;
  let t = from;
  for (let w = 0; w < faker.number.int({ min: 1, max: 3 }); w++) {
    t = after(env, t, 24 * 7);
    const at = t;
    const wsName = w === 0 ? "Default" : faker.commerce.department();
    await withAuditActor({ at }, async () => {
      const ws = await db.workspace.create({
        data: {
          organizationId: org.id,
          name: wsName,
          slug: `${wsName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${w}`,
          isDefault: w === 0,
          color: faker.color.rgb(),
          createdAt: at,
        },
      });
      for (let p = faker.number.int({ min: 1, max: 5 }); p > 0; p--) {
        const project = await db.project.create({
          data: {
            workspaceId: ws.id,
            name: faker.commerce.productName(),
            description: faker.lorem.sentence(),
            createdAt: at,
          },
        });
        if (faker.datatype.boolean(0.2))
          await withAuditActor({ at: after(env, at, 24 * 60) }, () =>
            db.project.update({ where: { id: project.id }, data: { status: "ARCHIVED" } }),
          );
      }
    });
  }
  return t;
}

async function addApiKeys(env: SeedEnv, org: Org, from: Date): Promise<Date> {
  const { db, faker } = env;
  let t = from;
  for (let k = faker.number.int({ min: 1, max: 3 }); k > 0; k--) {
    t = after(env, t, 24 * 5);
    const at = t;
    const raw = `wby_${randomBytes(32).toString("hex")}`;
    await withAuditActor({ at }, () =>
      db.apiKey.create({
        data: {
          organizationId: org.id,
          name: faker.helpers.arrayElement(["CI", "Production", "Staging", "Zapier", "Analytics"]),
          keyHash: createHash("sha256").update(raw).digest("hex"),
          keyPrefix: raw.slice(0, 12),
          lastUsedAt: daysAgo(env, faker.number.int({ min: 0, max: 20 })),
          createdAt: at,
        },
      }),
    );
  }
  return t;
}

/** Invitations, each then accepted, expired, revoked or left pending. */
async function addInvitations(env: SeedEnv, org: Org, owner: User, o: number, from: Date): Promise<void> {
  const { db, faker } = env;
  let t = from;
  for (let i = faker.number.int({ min: 0, max: 3 }); i > 0; i--) {
    t = after(env, t, 24 * 5);
    const at = t;
    await withAuditActor({ at }, async () => {
      const inv = await db.invitation.create({
        data: {
          organizationId: org.id,
          email: `${faker.internet
            .username()
            .toLowerCase()
            .replace(/[^a-z0-9._-]/g, "")}.${o}.${i}@example.net`,
          role: "MEMBER",
          invitedById: owner.id,
          expiresAt: new Date(at.getTime() + 7 * 86_400_000),
          createdAt: at,
        },
      });
      const outcome = faker.helpers.arrayElement(["PENDING", "ACCEPTED", "EXPIRED", "REVOKED"] as const);
      if (outcome !== "PENDING")
        await withAuditActor({ at: after(env, at, 24 * 6) }, () =>
          db.invitation.update({ where: { id: inv.id }, data: { status: outcome } }),
        );
    });
  }
}

/** One tenant churned: the organization is soft-deleted, its history stays. */
async function churnOneTenant(env: SeedEnv): Promise<void> {
  const { db } = env;
  const churned =
    (await db.organization.findFirst({ where: { plan: "FREE" }, orderBy: { createdAt: "asc" } })) ??
    (await db.organization.findFirst({ orderBy: { createdAt: "asc" } }));
  if (!churned) return;
  await withAuditActor({ actorType: "system", organizationId: churned.id, at: daysAgo(env, 2) }, async () => {
    const subs = await db.subscription.findMany({ where: { organizationId: churned.id } });
    for (const sub of subs)
      await db.subscription.update({
        where: { id: sub.id },
        data: { status: "CANCELED", cancelAtPeriodEnd: true },
      });
    await db.organization.delete({ where: { id: churned.id } });
  });
}
