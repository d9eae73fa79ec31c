/*
 * The areas' ids and what the navigation (app/areas.tsx) passes to every area's page. They sit
 * below both the navigation and the pages (and the UI store the pages use), so no page imports
 * the module that imports it. app/areas.tsx checks that its list and this union agree.
 */

export type AreaId =
  | "connections"
  | "fleet"
  | "clusters"
  | "overview"
  | "pooler"
  | "dashboard"
  | "query"
  | "plans"
  | "schema"
  | "indexes"
  | "activity"
  | "audit"
  | "backups"
  | "recovery";

export interface AreaProps {
  profileId: string;
}
