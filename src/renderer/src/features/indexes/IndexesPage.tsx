import type { AreaProps } from "../../app/areas";
import { NotBuiltYet } from "../../components/NotBuiltYet";

export function IndexesPage(_props: AreaProps) {
  return <NotBuiltYet area="Indexes" />;
}
