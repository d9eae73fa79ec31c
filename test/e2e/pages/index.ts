import type { Page } from "playwright-core";
import { ActivityPage } from "./activity.page";
import { AuditPage } from "./audit.page";
import { BackupsPage } from "./backups.page";
import { ClustersPage } from "./clusters.page";
import { ConnectionsPage } from "./connections.page";
import { DashboardPage } from "./dashboard.page";
import { DemoCardPage } from "./demo.page";
import { FleetPage } from "./fleet.page";
import { IndexesPage } from "./indexes.page";
import { OverviewPage } from "./overview.page";
import { PitrPage } from "./pitr.page";
import { PlansPage } from "./plans.page";
import { ProfilesPage } from "./profiles.page";
import { QueryPage } from "./query.page";
import { SchemaPage } from "./schema.page";
import { ShellPage } from "./shell.page";
import { SqlEditorPage } from "./sql-editor.page";

/** Every page object, on one page. A new area adds its page object here. */
export function pagesOf(page: Page) {
  return {
    activity: new ActivityPage(page),
    audit: new AuditPage(page),
    backups: new BackupsPage(page),
    clusters: new ClustersPage(page),
    connections: new ConnectionsPage(page),
    dashboard: new DashboardPage(page),
    demo: new DemoCardPage(page),
    fleet: new FleetPage(page),
    indexes: new IndexesPage(page),
    overview: new OverviewPage(page),
    pitr: new PitrPage(page),
    plans: new PlansPage(page),
    profiles: new ProfilesPage(page),
    query: new QueryPage(page),
    schema: new SchemaPage(page),
    shell: new ShellPage(page),
    sqlEditor: new SqlEditorPage(page),
  };
}

export type Pages = ReturnType<typeof pagesOf>;
