import type { Prisma } from "../../src/generated/prisma/client";
import { withAuditActor } from "../extensions/audit-context";
import { after, daysAgo, type SeedEnv } from "./seed-env";
import type { CatalogProduct } from "./shop-catalog";
import type { People } from "./shop-customers";

type Status = "PENDING" | "CONFIRMED" | "PROCESSING" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "REFUNDED";

const PATH: Status[] = ["PENDING", "CONFIRMED", "PROCESSING", "SHIPPED", "DELIVERED"];
const MESSAGES: Record<Status, string> = {
  PENDING: "Ordine creato",
  CONFIRMED: "Pagamento ricevuto, ordine confermato",
  PROCESSING: "Ordine in preparazione",
  SHIPPED: "Ordine spedito",
  DELIVERED: "Ordine consegnato",
  CANCELLED: "Ordine annullato",
  REFUNDED: "Ordine rimborsato",
};
const EVENT_TYPES: Record<Status, string> = {
  PENDING: "OrderPlaced",
  CONFIRMED: "OrderConfirmed",
  PROCESSING: "OrderProcessing",
  SHIPPED: "OrderShipped",
  DELIVERED: "OrderDelivered",
  CANCELLED: "OrderCancelled",
  REFUNDED: "OrderRefunded",
};

/** The statuses an order goes through to reach its final one. */
function journey(final: Status): Status[] {
  if (final === "CANCELLED") return ["PENDING", "CONFIRMED", "CANCELLED"];
  if (final === "REFUNDED") return [...PATH, "REFUNDED"];
  return PATH.slice(0, PATH.indexOf(final) + 1);
}

type Buyer = People["customers"][number];
type StreamEvent = Prisma.EventCreateManyInput;

/** What a placed order carries into its later steps. */
interface Placed {
  id: string;
  total: number;
  method: string;
  final: Status;
  placedAt: Date;
}

/**
 * Orders placed over the past year that then move through their statuses one update at
 * a time, by staff, at increasing times: each step is an audited UPDATE, an order_events
 * row and an event in the order's stream of the event store.
 */
export async function seedOrders(env: SeedEnv, people: People, products: CatalogProduct[]): Promise<number> {
  const { base, faker } = env;
  const buyers = people.customers.slice(0, Math.ceil(people.customers.length * 0.7));
  const streamEvents: StreamEvent[] = [];
  let made = 0;
  for (let b = 0; b < buyers.length; b++) {
    env.tick(b / buyers.length);
    const buyer = buyers[b]!;
    for (let n = faker.number.int({ min: 1, max: env.size.ordersPerUser }); n > 0; n--) {
      const order = await placeOrder(env, buyer, products, made, streamEvents);
      made++;
      const last = await moveThroughStatuses(env, people, order, streamEvents);
      if (order.final === "CANCELLED" && faker.datatype.boolean(0.5)) {
        await withAuditActor({ actorId: people.adminId, actorType: "user", at: after(env, last, 48) }, () =>
          env.db.order.delete({ where: { id: order.id } }),
        );
      }
    }
  }
  await base.event.createMany({ data: streamEvents });
  return made;
}

/** One to four products (a variant where they have some), one to three of each. */
function orderItems(env: SeedEnv, products: CatalogProduct[]) {
  const { faker } = env;
  return faker.helpers.arrayElements(products, faker.number.int({ min: 1, max: 4 })).map((p) => {
    const v = p.variants.length ? faker.helpers.arrayElement(p.variants) : undefined;
    const price = v?.price ?? p.price;
    const quantity = faker.number.int({ min: 1, max: 3 });
    return {
      productId: p.id,
      variantId: v?.id ?? null,
      name: p.name,
      sku: v?.sku ?? p.sku,
      price: price.toFixed(2),
      quantity,
      total: (price * quantity).toFixed(2),
    };
  });
}

/** The buyer places the order (status PENDING); the status it will end in is drawn now. */
async function placeOrder(
  env: SeedEnv,
  buyer: Buyer,
  products: CatalogProduct[],
  made: number,
  streamEvents: StreamEvent[],
): Promise<Placed> {
  const { db, faker } = env;
  const placedAt = daysAgo(env, faker.number.int({ min: 0, max: 360 }));
  const items = orderItems(env, products);
  const subtotal = items.reduce((s, i) => s + Number(i.total), 0);
  const tax = subtotal * 0.22;
  const shippingCost = subtotal > 50 ? 0 : 7.99;
  const total = subtotal + tax + shippingCost;
  const method = faker.helpers.arrayElement(["card", "paypal", "bank_transfer"]);
  const final = faker.helpers.weightedArrayElement<Status>([
    { value: "DELIVERED", weight: 40 },
    { value: "SHIPPED", weight: 20 },
    { value: "PROCESSING", weight: 12 },
    { value: "CONFIRMED", weight: 8 },
    { value: "PENDING", weight: 10 },
    { value: "CANCELLED", weight: 6 },
    { value: "REFUNDED", weight: 4 },
  ]);
  const order = await withAuditActor(
    { actorId: buyer.id, actorType: "user", ipAddress: faker.internet.ipv4(), at: placedAt },
    () =>
      db.order.create({
        data: {
          orderNumber: `ORD-${placedAt.getTime().toString(36).toUpperCase()}-${String(made).padStart(5, "0")}`,
          userId: buyer.id,
          addressId: buyer.addressId,
          status: "PENDING",
          subtotal: subtotal.toFixed(2),
          tax: tax.toFixed(2),
          shippingCost: shippingCost.toFixed(2),
          total: total.toFixed(2),
          paymentMethod: method,
          paymentIntentId: `pi_${faker.string.alphanumeric(20)}`,
          createdAt: placedAt,
          updatedAt: placedAt,
          items: { createMany: { data: items } },
          timeline: { create: { type: "PENDING", message: MESSAGES.PENDING, createdAt: placedAt } },
        },
      }),
  );
  streamEvents.push({
    streamId: order.id,
    streamType: "Order",
    type: "OrderPlaced",
    version: 1,
    data: { orderNumber: order.orderNumber, total: total.toFixed(2), items: items.length },
    metadata: { actorId: buyer.id },
    createdAt: placedAt,
  });
  return { id: order.id, total, method, final, placedAt };
}

/** Staff move the order to its final status, one audited step at a time; answers the last step's time. */
async function moveThroughStatuses(
  env: SeedEnv,
  people: People,
  order: Placed,
  streamEvents: StreamEvent[],
): Promise<Date> {
  const { faker } = env;
  const steps = journey(order.final);
  const payment: { id?: string } = {};
  let t = order.placedAt;
  for (let s = 1; s < steps.length; s++) {
    const status = steps[s]!;
    t = after(env, t, status === "DELIVERED" ? 96 : 30);
    const staff = faker.helpers.arrayElement(people.staffIds);
    const at = t;
    await withAuditActor({ actorId: staff, actorType: "user", at }, () =>
      recordStatus(env, order, status, staff, at, payment),
    );
    streamEvents.push({
      streamId: order.id,
      streamType: "Order",
      type: EVENT_TYPES[status],
      version: s + 1,
      data: { status },
      metadata: { actorId: staff },
      createdAt: t,
    });
  }
  return t;
}

/** One status change: the order row, its timeline entry, and the payment it takes or gives back. */
async function recordStatus(
  env: SeedEnv,
  order: Placed,
  status: Status,
  staff: string,
  t: Date,
  payment: { id?: string },
): Promise<void> {
  const { db, faker } = env;
  await db.order.update({
    where: { id: order.id },
    data: {
      status,
      updatedAt: t,
      ...(status === "CANCELLED"
        ? {
            notes: faker.helpers.arrayElement([
              "Richiesta del cliente",
              "Pagamento non riuscito",
              "Articolo esaurito",
            ]),
          }
        : {}),
    },
  });
  await db.orderEvent.create({
    data: {
      orderId: order.id,
      type: status,
      message: MESSAGES[status],
      metadata: { by: staff },
      createdAt: t,
    },
  });
  if (status === "CONFIRMED") {
    const pay = await db.payment.create({
      data: {
        orderId: order.id,
        amount: order.total.toFixed(2),
        status: "SUCCEEDED",
        method: order.method,
        stripePaymentId: `ch_${faker.string.alphanumeric(24)}`,
        createdAt: t,
        updatedAt: t,
      },
    });
    payment.id = pay.id;
  }
  if ((status === "CANCELLED" || status === "REFUNDED") && payment.id) {
    await db.payment.update({ where: { id: payment.id }, data: { status: "REFUNDED", updatedAt: t } });
  }
}
