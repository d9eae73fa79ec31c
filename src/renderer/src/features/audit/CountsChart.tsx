/** Counts per key as horizontal bars (plain elements: a few bars need no chart library). */
export function CountsChart({ title, data }: { title: string; data: Array<{ key: string; count: number }> }) {
  const max = Math.max(1, ...data.map((d) => d.count));
  return (
    <figure className="flex min-w-48 flex-1 flex-col gap-1 text-xs">
      <figcaption className="font-medium text-slate-600 dark:text-slate-400">{title}</figcaption>
      {data.map((d) => (
        <div key={d.key} className="flex items-center gap-2">
          <span className="w-28 truncate" title={d.key}>
            {d.key}
          </span>
          <span className="h-2 rounded bg-blue-500" style={{ width: `${(d.count / max) * 100}px` }} />
          <span className="tabular-nums">{d.count}</span>
        </div>
      ))}
    </figure>
  );
}
