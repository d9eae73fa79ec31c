export { ProfilesPage } from "./ProfilesPage";
export { ConnectionStatusBanner } from "./ConnectionStatusBanner";
export { ConnectedHost } from "./ConnectedHost";
export { useProfiles } from "./profiles.queries";
