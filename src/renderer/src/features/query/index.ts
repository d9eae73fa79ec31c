export { QueryPage } from "./QueryPage";
export { openSqlInEditor } from "./query-tabs.store";
