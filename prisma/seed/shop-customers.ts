import { randomBytes } from "node:crypto";
import { withAuditActor } from "../extensions/audit-context";
import { daysAgo, type SeedEnv } from "./seed-env";
import { ADMIN_CREDENTIALS } from "./sizes";
import { hashPassword } from "./password";

export interface Customer {
  id: string;
  addressId: string;
  createdAt: Date;
}

export interface People {
  adminId: string;
  staffIds: string[];
  customers: Customer[];
}

/** The admin with known credentials, a few staff, and customers who sign up over the past year. */
export async function seedUsers(env: SeedEnv): Promise<People> {
  const admin = await createAdmin(env);
  const staffIds: string[] = [];
  const customers: Customer[] = [];
  const count = env.size.users - 1;
  for (let i = 0; i < count; i++) {
    env.tick(i / count);
    const { user, address, role, createdAt } = await signUp(env, i);
    if (role === "CUSTOMER") customers.push({ id: user.id, addressId: address.id, createdAt });
    else staffIds.push(user.id);
  }
  if (staffIds.length === 0) staffIds.push(admin.id);
  return { adminId: admin.id, staffIds, customers };
}

async function createAdmin(env: SeedEnv) {
  const adminCreatedAt = daysAgo(env, 420);
  const adminHash = await hashPassword(ADMIN_CREDENTIALS.password);
  return withAuditActor({ actorType: "system", at: adminCreatedAt }, () =>
    env.db.user.create({
      data: {
        email: ADMIN_CREDENTIALS.email,
        passwordHash: adminHash,
        firstName: "Admin",
        lastName: "User",
        role: "ADMIN",
        emailVerified: true,
        phone: "+39 02 1234567",
        createdAt: adminCreatedAt,
      },
    }),
  );
}

/** One person signs up (a customer, or now and then staff) with an address and a few sessions. */
async function signUp(env: SeedEnv, i: number) {
  const { db, faker } = env;
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const createdAt = daysAgo(env, faker.number.int({ min: 30, max: 400 }));
  const role = faker.helpers.weightedArrayElement([
    { value: "CUSTOMER" as const, weight: 90 },
    { value: "MANAGER" as const, weight: 5 },
    { value: "SUPPORT" as const, weight: 5 },
  ]);
  const ip = faker.internet.ipv4();
  const user = await withAuditActor({ actorType: "user", ipAddress: ip, at: createdAt }, () =>
    db.user.create({
      data: {
        email: faker.internet
          .email({ firstName, lastName, provider: `example${i % 7}.com` })
          .toLowerCase()
          .replace("@", `.${i}@`),
        passwordHash: env.passwordHash,
        firstName,
        lastName,
        role,
        emailVerified: faker.datatype.boolean(0.8),
        avatarUrl: faker.image.avatar(),
        phone: faker.phone.number(),
        createdAt,
      },
    }),
  );
  const as = { actorId: user.id, actorType: "user" as const, ipAddress: ip, at: createdAt };
  const address = await withAuditActor(as, () =>
    db.address.create({
      data: {
        userId: user.id,
        type: "SHIPPING",
        firstName,
        lastName,
        street: faker.location.streetAddress(),
        city: faker.location.city(),
        state: faker.location.state(),
        zipCode: faker.location.zipCode(),
        country: "IT",
        isDefault: true,
        createdAt,
      },
    }),
  );
  await withAuditActor(as, () => addSessions(env, user.id, ip));
  return { user, address, role, createdAt };
}

async function addSessions(env: SeedEnv, userId: string, ip: string): Promise<void> {
  const { db, faker } = env;
  for (let s = faker.number.int({ min: 1, max: 3 }); s > 0; s--) {
    const started = daysAgo(env, faker.number.int({ min: 0, max: 29 }));
    await db.session.create({
      data: {
        userId,
        token: randomBytes(24).toString("base64url"),
        expiresAt: new Date(started.getTime() + 30 * 86_400_000),
        ipAddress: ip,
        userAgent: faker.internet.userAgent(),
        createdAt: started,
      },
    });
  }
}

/** Later in their life some customers change details or leave (soft delete). */
export async function seedCustomerChanges(env: SeedEnv, people: People): Promise<void> {
  const { db, faker } = env;
  const movers = faker.helpers.arrayElements(people.customers, Math.ceil(people.customers.length * 0.15));
  for (const c of movers) {
    await withAuditActor(
      { actorId: c.id, actorType: "user", at: daysAgo(env, faker.number.int({ min: 1, max: 25 })) },
      () =>
        db.user.update({ where: { id: c.id }, data: { phone: faker.phone.number(), emailVerified: true } }),
    );
  }
  const resetter = people.customers[0];
  if (resetter) {
    await withAuditActor({ actorId: resetter.id, actorType: "user", at: daysAgo(env, 3) }, () =>
      db.user.update({
        where: { id: resetter.id },
        data: { passwordHash: env.passwordHash.replace(/.$/, "A") },
      }),
    );
  }
  const leavers = faker.helpers.arrayElements(
    people.customers.slice(1),
    Math.max(1, Math.floor(people.customers.length * 0.05)),
  );
  for (const c of leavers) {
    await withAuditActor(
      { actorId: people.adminId, actorType: "user", at: daysAgo(env, faker.number.int({ min: 1, max: 20 })) },
      () => db.user.delete({ where: { id: c.id } }),
    );
  }
}
