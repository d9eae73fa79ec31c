import { withAuditActor } from "../extensions/audit-context";
import { daysAgo, type SeedEnv } from "./seed-env";
import type { People } from "./shop-customers";

export interface CatalogProduct {
  id: string;
  name: string;
  sku: string;
  price: number;
  variants: Array<{ id: string; sku: string; price: number }>;
}

const CATEGORY_NAMES = [
  "Elettronica",
  "Abbigliamento",
  "Casa e Giardino",
  "Sport",
  "Libri",
  "Giocattoli",
  "Alimentari",
  "Bellezza",
  "Automotive",
  "Musica",
  "Film",
  "Informatica",
  "Gioielli",
  "Scarpe",
  "Ufficio",
  "Pet",
  "Bambini",
  "Salute",
  "Viaggi",
  "Arte",
];

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Categories (with subcategories), products with images and variants, set up by the admin. */
export async function seedCatalog(env: SeedEnv, people: People): Promise<CatalogProduct[]> {
  const { db, faker } = env;
  const products: CatalogProduct[] = [];
  const roots = Math.min(env.size.categories, CATEGORY_NAMES.length);
  for (let i = 0; i < roots; i++) {
    const at = daysAgo(env, 410 - i);
    await withAuditActor({ actorId: people.adminId, actorType: "user", at }, async () => {
      const name = CATEGORY_NAMES[i]!;
      const category = await db.category.create({
        data: {
          name,
          slug: slugify(name),
          description: `${faker.commerce.department()} - ${faker.lorem.sentence()}`,
          imageUrl: `https://picsum.photos/seed/cat${i}/400/300`,
          sortOrder: i,
          createdAt: at,
        },
      });
      const subs: string[] = [];
      for (let j = faker.number.int({ min: 2, max: 5 }); j > 0; j--) {
        const subName = `${faker.commerce.department()} ${faker.commerce.productAdjective()}`;
        const sub = await db.category.create({
          data: {
            name: subName,
            slug: `${slugify(subName)}-${i}-${j}`,
            description: faker.lorem.sentence(),
            parentId: category.id,
            sortOrder: j,
            createdAt: at,
          },
        });
        subs.push(sub.id);
      }
      for (let k = 0; k < env.size.productsPerCategory; k++) {
        env.tick((i * env.size.productsPerCategory + k) / (roots * env.size.productsPerCategory));
        products.push(
          await createProduct(env, [category.id, faker.helpers.arrayElement(subs)], products.length, at),
        );
      }
    });
  }
  return products;
}

async function createProduct(
  env: SeedEnv,
  categoryIds: string[],
  n: number,
  from: Date,
): Promise<CatalogProduct> {
  const { db, faker } = env;
  const name = faker.commerce.productName();
  const price = Number(faker.commerce.price({ min: 5, max: 500 }));
  const sku = `SKU-${String(n).padStart(5, "0")}-${faker.string.alphanumeric(4).toUpperCase()}`;
  const createdAt = new Date(from.getTime() + faker.number.int({ min: 1, max: 40 }) * 86_400_000);
  const product = await withAuditActor({ at: createdAt }, () =>
    db.product.create({
      data: {
        name,
        slug: `${slugify(name)}-${n}`,
        description: faker.commerce.productDescription(),
        shortDescription: faker.lorem.sentence(),
        sku,
        price: price.toFixed(2),
        compareAtPrice: faker.datatype.boolean(0.3) ? (price * 1.3).toFixed(2) : null,
        costPrice: (price * 0.6).toFixed(2),
        stock: faker.number.int({ min: 0, max: 200 }),
        weight: faker.number.float({ min: 0.1, max: 20, fractionDigits: 2 }).toFixed(2),
        isActive: faker.datatype.boolean(0.9),
        isFeatured: faker.datatype.boolean(0.15),
        metaTitle: name,
        metaDescription: faker.lorem.sentence(),
        createdAt,
        categories: { create: categoryIds.map((categoryId) => ({ categoryId })) },
        images: {
          createMany: {
            data: Array.from({ length: faker.number.int({ min: 1, max: 4 }) }, (_, idx) => ({
              url: `https://picsum.photos/seed/p${n}-${idx}/800/800`,
              alt: `${name} - immagine ${idx + 1}`,
              sortOrder: idx,
              isPrimary: idx === 0,
            })),
          },
        },
      },
    }),
  );
  const variants: CatalogProduct["variants"] = [];
  if (faker.datatype.boolean(0.4)) {
    for (const size of ["S", "M", "L", "XL"]) {
      const vPrice = price + (size === "XL" ? 5 : 0);
      const v = await withAuditActor({ at: createdAt }, () =>
        db.productVariant.create({
          data: {
            productId: product.id,
            name: `Taglia ${size}`,
            sku: `${sku}-${size}`,
            price: vPrice.toFixed(2),
            stock: faker.number.int({ min: 0, max: 50 }),
            options: { size },
            createdAt,
          },
        }),
      );
      variants.push({ id: v.id, sku: v.sku, price: vPrice });
    }
  }
  return { id: product.id, name, sku, price, variants };
}

/** Price changes and discontinued products over the year: UPDATE and DELETE history. */
export async function seedCatalogChanges(
  env: SeedEnv,
  people: People,
  products: CatalogProduct[],
): Promise<void> {
  const { db, faker } = env;
  const actor = { actorId: faker.helpers.arrayElement(people.staffIds), actorType: "user" as const };
  for (const p of faker.helpers.arrayElements(products, Math.ceil(products.length * 0.2))) {
    const next = Math.round(p.price * faker.number.float({ min: 0.8, max: 1.25 }) * 100) / 100;
    await withAuditActor({ ...actor, at: daysAgo(env, faker.number.int({ min: 5, max: 120 })) }, () =>
      db.product.update({
        where: { id: p.id },
        data: { price: next.toFixed(2), compareAtPrice: p.price.toFixed(2) },
      }),
    );
  }
  for (const p of faker.helpers.arrayElements(products, Math.max(2, Math.floor(products.length * 0.05)))) {
    await withAuditActor({ ...actor, at: daysAgo(env, faker.number.int({ min: 1, max: 30 })) }, () =>
      db.product.delete({ where: { id: p.id } }),
    );
  }
}

/** Reviews, carts and wishlists of the customers. */
export async function seedEngagement(
  env: SeedEnv,
  people: People,
  products: CatalogProduct[],
): Promise<void> {
  const { db, faker } = env;
  const customers = people.customers;
  for (let i = 0; i < products.length; i++) {
    env.tick(i / products.length);
    const p = products[i]!;
    const reviewers = faker.helpers.arrayElements(
      customers,
      Math.min(env.size.reviewsPerProduct, customers.length),
    );
    // one statement per product; the audit trail still logs one CREATE per review
    await db.review.createManyAndReturn({
      data: reviewers.map((c) => ({
        userId: c.id,
        productId: p.id,
        rating: faker.helpers.weightedArrayElement([
          { value: 5, weight: 35 },
          { value: 4, weight: 30 },
          { value: 3, weight: 20 },
          { value: 2, weight: 10 },
          { value: 1, weight: 5 },
        ]),
        title: faker.lorem.sentence({ min: 3, max: 8 }),
        body: faker.lorem.paragraph(),
        isVerified: faker.datatype.boolean(0.6),
        isApproved: faker.datatype.boolean(0.85),
        createdAt: daysAgo(env, faker.number.int({ min: 1, max: 300 })),
      })),
    });
  }
  for (const c of faker.helpers.arrayElements(customers, Math.ceil(customers.length * 0.3))) {
    const at = daysAgo(env, faker.number.int({ min: 0, max: 14 }));
    await withAuditActor({ actorId: c.id, actorType: "user", at }, async () => {
      const cart = await db.cart.create({ data: { userId: c.id, createdAt: at } });
      for (const p of faker.helpers.arrayElements(products, faker.number.int({ min: 1, max: 4 }))) {
        await db.cartItem.create({
          data: {
            cartId: cart.id,
            productId: p.id,
            variantId: p.variants[0]?.id ?? null,
            quantity: faker.number.int({ min: 1, max: 3 }),
            createdAt: at,
          },
        });
      }
      for (const p of faker.helpers.arrayElements(products, faker.number.int({ min: 0, max: 3 }))) {
        await db.wishlistItem.create({ data: { userId: c.id, productId: p.id, createdAt: at } });
      }
    });
  }
}
