import type { AreaProps } from "../../app/areas";
import { NotBuiltYet } from "../../components/NotBuiltYet";

export function SchemaPage(_props: AreaProps) {
  return <NotBuiltYet area="Schema" />;
}
