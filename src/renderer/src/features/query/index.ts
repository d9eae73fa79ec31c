export { QueryPage } from "./QueryPage";
