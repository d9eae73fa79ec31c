import type { AreaProps } from "../../app/areas";
import { NotBuiltYet } from "../../components/NotBuiltYet";

export function QueryPage(_props: AreaProps) {
  return <NotBuiltYet area="Query" />;
}
