import { Button } from "../../components/Button";
import { Modal } from "../../components/Modal";
import { closeHelp, useCommands } from "../../lib/commands";
import { SHORTCUTS } from "./shortcuts";

/** Every shortcut in one sheet (F1, or ? outside a text field). */
export function HelpSheet() {
  const open = useCommands((s) => s.help);
  if (!open) return null;
  return (
    <Modal title="Keyboard shortcuts" onClose={closeHelp} testId="help-sheet" wide>
      <div className="grid max-h-[70vh] grid-cols-1 gap-4 overflow-auto md:grid-cols-2">
        {SHORTCUTS.map((group) => (
          <section key={group.title}>
            <h3 className="mb-1 font-semibold">{group.title}</h3>
            <table className="w-full text-xs">
              <tbody>
                {group.keys.map(([keys, what]) => (
                  <tr key={keys + what} className="border-b border-slate-100 dark:border-slate-800">
                    <td className="py-0.5 pr-2 whitespace-nowrap">
                      <kbd>{keys}</kbd>
                    </td>
                    <td className="py-0.5">{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <div className="flex justify-end">
        <Button onClick={closeHelp}>Close</Button>
      </div>
    </Modal>
  );
}
