import { z } from "zod";

// The page's CSP has no 'unsafe-eval'. zod probes for eval with new Function (a reported
// violation) when a schema module loads, unless told not to before any schema exists:
// main.tsx imports this module first.
z.config({ jitless: true });
