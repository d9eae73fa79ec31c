import type { AreaProps } from "../../app/areas";
import { NotBuiltYet } from "../../components/NotBuiltYet";

export function AuditPage(_props: AreaProps) {
  return <NotBuiltYet area="Audit" />;
}
