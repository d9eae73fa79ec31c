export { PoolerPage } from "./PoolerPage";
