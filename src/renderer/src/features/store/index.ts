export { StoreNoticeBanner } from "./StoreNoticeBanner";
