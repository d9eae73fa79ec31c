export { SchemaPage } from "./SchemaPage";
