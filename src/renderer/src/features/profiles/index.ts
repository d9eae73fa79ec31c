export { ProfilesPage } from "./ProfilesPage";
