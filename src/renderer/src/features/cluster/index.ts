export { ClustersPage } from "./ClustersPage";
