export { ProfilesPage } from "./ProfilesPage";
export { ConnectionStatusBanner } from "./ConnectionStatusBanner";
export { ConnectedHost } from "./ConnectedHost";
