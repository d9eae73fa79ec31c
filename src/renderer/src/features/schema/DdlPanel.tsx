import { useState } from "react";
import type { DdlKind } from "../../../../shared/contract/schema";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useDdl } from "./schema.queries";
import type { SchemaObjectRef } from "./tree/tree-rows";

function ddlTarget(ref: SchemaObjectRef): { kind: DdlKind; schema?: string; name?: string; oid?: number } {
  switch (ref.kind) {
    case "partitioned":
    case "table":
      return { kind: "table", schema: ref.schema, name: ref.name };
    case "function":
      return { kind: "function", oid: ref.oid! };
    case "schema":
      return { kind: "schema", name: ref.name };
    case "view":
    case "matview":
    case "sequence":
    case "enum":
    case "domain":
    case "composite":
    case "foreign":
      return { kind: ref.kind, schema: ref.schema, name: ref.name };
  }
}

/** The object's DDL, copyable. */
export function DdlPanel({ profileId, target }: { profileId: string; target: SchemaObjectRef }) {
  const ddl = useDdl(profileId, ddlTarget(target));
  const [copied, setCopied] = useState(false);
  if (ddl.error) return <ErrorMessage error={ddl.error} />;
  if (!ddl.data) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading DDL…</p>;
  const text = ddl.data.ddl;
  return (
    <div className="flex min-h-0 flex-col gap-2">
      <div>
        <Button
          data-testid="ddl-copy"
          onClick={() => {
            void navigator.clipboard.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy DDL"}
        </Button>
      </div>
      <pre
        data-testid="ddl-text"
        className="overflow-auto rounded border border-slate-200 bg-slate-50 p-3 font-mono text-xs whitespace-pre dark:border-slate-800 dark:bg-slate-900"
      >
        {text}
      </pre>
    </div>
  );
}
