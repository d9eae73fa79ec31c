export { QueryPage } from "./QueryPage";
export { openSqlInEditor } from "./query-tabs.store";
export { databaseSwitched, prepareDatabaseSwitch } from "./database-switch";
export { useProfilePolicy } from "./useProfilePolicy";
