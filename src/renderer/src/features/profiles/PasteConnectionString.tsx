import { useState } from "react";
import type { ImportedDraft } from "../../../../shared/contract/profiles";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { serviceConnectionString } from "./profile-form.model";
import { useParseConnectionString, useServices } from "./profiles.queries";

/** Paste a libpq URI / key=value string, or pick a pg_service.conf entry, to fill the form. */
export function PasteConnectionString({ onImported }: { onImported(imported: ImportedDraft): void }) {
  const [text, setText] = useState("");
  const parse = useParseConnectionString();
  const services = useServices();

  return (
    <div className="flex flex-col gap-2 rounded border border-dashed border-slate-300 p-3 dark:border-slate-700">
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Paste a connection URI or key=value string</span>
        <div className="flex gap-2">
          <input
            data-testid="profile-paste"
            className="flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
            placeholder="postgresql://user@host:5432/db?sslmode=require"
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button
            data-testid="profile-paste-apply"
            disabled={!text.trim() || parse.isPending}
            onClick={() =>
              parse.mutate(text, {
                onSuccess: (r) => {
                  onImported(r);
                  setText("");
                },
              })
            }
          >
            Fill in
          </Button>
        </div>
      </label>
      {services.data && services.data.services.length > 0 && (
        <label className="flex items-center gap-2 text-sm">
          <span className="text-slate-600 dark:text-slate-400">or a service from pg_service.conf</span>
          <select
            data-testid="profile-service"
            defaultValue=""
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            onChange={(e) => {
              const s = services.data.services.find((x) => x.name === e.target.value);
              // the listing carries no passwords: the chosen service is imported like a paste
              if (s)
                parse.mutate(serviceConnectionString(s.name), {
                  onSuccess: (r) => onImported({ ...r, draft: { ...r.draft, name: s.name } }),
                });
            }}
          >
            <option value="">choose…</option>
            {services.data.services.map((s) => (
              <option key={`${s.file}:${s.name}`} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <ErrorMessage error={parse.error} />
    </div>
  );
}
