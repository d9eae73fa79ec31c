import type { HandlerMap } from "../features/handler-types";
import { appHandlers } from "../features/app/app.handlers";
import { profilesHandlers } from "../features/profiles/profiles.handlers";
import { serverHandlers } from "../features/server/server.handlers";
import { healthHandlers } from "../features/health/health.handlers";
import { activityHandlers } from "../features/activity/activity.handlers";
import { indexesHandlers } from "../features/indexes/indexes.handlers";
import { queryHandlers } from "../features/query/query.handlers";
import { explainHandlers } from "../features/explain/explain.handlers";
import { schemaHandlers } from "../features/schema/schema.handlers";
import { backupHandlers } from "../features/backup/backup.handlers";
import { auditHandlers } from "../features/audit/audit.handlers";
import { migrationsHandlers } from "../features/migrations/migrations.handlers";
import { demoHandlers } from "../features/demo/demo.handlers";
import { storeHandlers } from "../features/store/store.handlers";
import { tabsHandlers } from "../features/tabs/tabs.handlers";
import { uiHandlers } from "../features/ui/ui.handlers";
import { offsiteHandlers } from "../features/backup/offsite.handlers";
import { pitrHandlers } from "../features/pitr/pitr.handlers";
import { inventoryHandlers } from "../features/inventory/inventory.handlers";
import { fleetHandlers } from "../features/fleet/fleet.handlers";
import { clusterHandlers } from "../features/cluster/cluster.handlers";
import { poolerHandlers } from "../features/pooler/pooler.handlers";
import { safeguardsHandlers } from "../features/safeguards/safeguards.handlers";

/** Every channel's handler. Both hosts serve exactly this map. */
export const registry: HandlerMap = {
  ...appHandlers,
  ...profilesHandlers,
  ...serverHandlers,
  ...healthHandlers,
  ...activityHandlers,
  ...indexesHandlers,
  ...queryHandlers,
  ...explainHandlers,
  ...schemaHandlers,
  ...backupHandlers,
  ...auditHandlers,
  ...migrationsHandlers,
  ...demoHandlers,
  ...storeHandlers,
  ...tabsHandlers,
  ...uiHandlers,
  ...pitrHandlers,
  ...offsiteHandlers,
  ...inventoryHandlers,
  ...fleetHandlers,
  ...clusterHandlers,
  ...poolerHandlers,
  ...safeguardsHandlers,
};
