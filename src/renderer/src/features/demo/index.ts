export { DemoCard } from "./DemoCard";
