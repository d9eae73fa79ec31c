import type { ComponentType } from "react";
import type { AreaId, AreaProps } from "../lib/area";
import { ActivityPage } from "../features/activity";
import { AuditPage } from "../features/audit";
import { BackupsPage } from "../features/backup";
import { DashboardPage } from "../features/health";
import { PlansPage } from "../features/explain";
import { IndexesPage } from "../features/indexes";
import { QueryPage } from "../features/query";
import { SchemaPage } from "../features/schema";
import { ProfilesPage } from "../features/profiles";
import { OverviewPage } from "../features/server";
import { PitrPage } from "../features/pitr";
import { FleetPage } from "../features/fleet";
import { ClustersPage } from "../features/cluster";
import { PoolerPage } from "../features/pooler";

export { areaFits } from "./area-fit.model";

/** The navigation: one entry per area; areas needing a profile get its id. */
export const areas = [
  { id: "connections", label: "Connections", needsProfile: false, Page: ProfilesPage },
  { id: "fleet", label: "Fleet", needsProfile: false, Page: FleetPage },
  { id: "clusters", label: "Clusters", needsProfile: false, Page: ClustersPage },
  { id: "overview", label: "Overview", needsProfile: true, Page: OverviewPage },
  { id: "pooler", label: "Pooler", needsProfile: true, Page: PoolerPage },
  { id: "dashboard", label: "Dashboard", needsProfile: true, Page: DashboardPage },
  { id: "query", label: "Query", needsProfile: true, Page: QueryPage },
  { id: "plans", label: "Plans", needsProfile: false, Page: PlansPage },
  { id: "schema", label: "Schema", needsProfile: true, Page: SchemaPage },
  { id: "indexes", label: "Indexes", needsProfile: true, Page: IndexesPage },
  { id: "activity", label: "Activity", needsProfile: true, Page: ActivityPage },
  { id: "audit", label: "Audit", needsProfile: true, Page: AuditPage },
  { id: "backups", label: "Backups", needsProfile: true, Page: BackupsPage },
  { id: "recovery", label: "Recovery", needsProfile: true, Page: PitrPage },
] as const satisfies ReadonlyArray<{
  id: AreaId;
  label: string;
  needsProfile: boolean;
  Page: ComponentType<AreaProps>;
}>;

/** Compile-time check: every AreaId has an entry above (the `satisfies` checks the converse). */
type MissingArea = Exclude<AreaId, (typeof areas)[number]["id"]>;
const _everyAreaListed: [MissingArea] extends [never] ? true : MissingArea = true;
