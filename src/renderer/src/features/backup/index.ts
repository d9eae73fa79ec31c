export { BackupsPage } from "./BackupsPage";
export { ScheduleFailureBanner } from "./ScheduleFailureBanner";
