export { ProfilesPage } from "./ProfilesPage";
export { ConnectionStatusBanner } from "./ConnectionStatusBanner";
