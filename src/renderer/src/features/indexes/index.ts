export { IndexesPage } from "./IndexesPage";
