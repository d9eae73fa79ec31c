import type { AreaProps } from "../../app/areas";
import { NotBuiltYet } from "../../components/NotBuiltYet";

export function ActivityPage(_props: AreaProps) {
  return <NotBuiltYet area="Activity" />;
}
