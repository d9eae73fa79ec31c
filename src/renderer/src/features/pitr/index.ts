export { PitrPage } from "./PitrPage";
export { ArchivingCard } from "./components/ArchivingCard";
