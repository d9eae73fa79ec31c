import type { AreaProps } from "../../app/areas";
import { NotBuiltYet } from "../../components/NotBuiltYet";

export function BackupsPage(_props: AreaProps) {
  return <NotBuiltYet area="Backups" />;
}
