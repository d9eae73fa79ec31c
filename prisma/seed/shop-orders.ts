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

/**
 * Orders placed over the past year that then move through their statuses one update at
 * a time, by staff, at increasing times: each step is an audited UPDATE, an order_events
 * row and an event in the order's stream of the event store.
 */
export async function seedOrders(env: SeedEnv, people: People, products: CatalogProduct[]): Promise<number> {
  const { db, base, faker } = env;
  const buyers = people.customers.slice(0, Math.ceil(people.customers.length * 0.7));
  const streamEvents: Prisma.EventCreateManyInput[] = [];
  let made = 0;
  for (let b = 0; b < buyers.length; b++) {
    env.tick(b / buyers.length);
    const buyer = buyers[b]!;
    for (let n = faker.number.int({ min: 1, max: env.size.ordersPerUser }); n > 0; n--) {
      const placedAt = daysAgo(env, faker.number.int({ min: 0, max: 360 }));
      const items = faker.helpers.arrayElements(products, faker.number.int({ min: 1, max: 4 })).map((p) => {
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
      made++;
      const steps = journey(final);
      let t = placedAt;
      let paymentId: string | undefined;
      for (let s = 1; s < steps.length; s++) {
        const status = steps[s]!;
        t = after(env, t, status === "DELIVERED" ? 96 : 30);
        const staff = faker.helpers.arrayElement(people.staffIds);
        await withAuditActor({ actorId: staff, actorType: "user", at: t }, async () => {
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
                amount: total.toFixed(2),
                status: "SUCCEEDED",
                method,
                stripePaymentId: `ch_${faker.string.alphanumeric(24)}`,
                createdAt: t,
                updatedAt: t,
              },
            });
            paymentId = pay.id;
          }
          if ((status === "CANCELLED" || status === "REFUNDED") && paymentId) {
            await db.payment.update({ where: { id: paymentId }, data: { status: "REFUNDED", updatedAt: t } });
          }
        });
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
      if (final === "CANCELLED" && faker.datatype.boolean(0.5)) {
        await withAuditActor({ actorId: people.adminId, actorType: "user", at: after(env, t, 48) }, () =>
          db.order.delete({ where: { id: order.id } }),
        );
      }
    }
  }
  await base.event.createMany({ data: streamEvents });
  return made;
}
