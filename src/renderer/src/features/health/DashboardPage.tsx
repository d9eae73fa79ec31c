import type { AreaProps } from "../../app/areas";
import { NotBuiltYet } from "../../components/NotBuiltYet";

export function DashboardPage(_props: AreaProps) {
  return <NotBuiltYet area="Dashboard" />;
}
