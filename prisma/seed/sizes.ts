/** Seed sizes: demo, dev and staging follow catalog section 11; large is for benchmarks. */
export interface SeedSize {
  users: number;
  categories: number;
  productsPerCategory: number;
  ordersPerUser: number;
  reviewsPerProduct: number;
  organizations: number;
  saasUsers: number;
  /** Visitor activity in the event store: the big table the workload scans. */
  activityEvents: number;
}

export const SEED_SIZES = {
  demo: {
    users: 20,
    categories: 8,
    productsPerCategory: 10,
    ordersPerUser: 2,
    reviewsPerProduct: 3,
    organizations: 4,
    saasUsers: 30,
    activityEvents: 100_000,
  },
  dev: {
    users: 50,
    categories: 10,
    productsPerCategory: 15,
    ordersPerUser: 3,
    reviewsPerProduct: 5,
    organizations: 8,
    saasUsers: 80,
    activityEvents: 200_000,
  },
  staging: {
    users: 200,
    categories: 20,
    productsPerCategory: 30,
    ordersPerUser: 5,
    reviewsPerProduct: 10,
    organizations: 20,
    saasUsers: 300,
    activityEvents: 400_000,
  },
  large: {
    users: 2000,
    categories: 20,
    productsPerCategory: 100,
    ordersPerUser: 5,
    reviewsPerProduct: 10,
    organizations: 50,
    saasUsers: 1000,
    activityEvents: 2_000_000,
  },
} as const satisfies Record<string, SeedSize>;

export type SeedSizeName = keyof typeof SEED_SIZES;
export const SEED_SIZE_NAMES = Object.keys(SEED_SIZES) as SeedSizeName[];

/** The admin every size creates, for logging in to the seeded shop. */
export const ADMIN_CREDENTIALS = { email: "admin@example.com", password: "Password123!" } as const;
