/** What an area shows until its issue lands: honest, not a fake screen. */
export function NotBuiltYet({ area }: { area: string }) {
  return (
    <section className="flex flex-col gap-2" data-testid="not-built-yet">
      <h1 className="text-xl font-semibold">{area}</h1>
      <p className="text-sm text-slate-500">This area is not built yet.</p>
    </section>
  );
}
