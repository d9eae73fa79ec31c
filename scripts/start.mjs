// `npm start`: build, then launch Electron; where the Electron binary is absent
// (e.g. installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or no display), say so in one
// line and start the web host instead, which prints the URL to open.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const build = spawnSync("npx", ["electron-vite", "build"], { stdio: ["ignore", "ignore", "inherit"] });
if (build.status !== 0) {
  console.error("pgdesk: the build failed (see above)");
  process.exit(build.status ?? 1);
}

/** The downloaded Electron binary, without triggering electron's lazy download. */
function electronBinary() {
  const pkg = join("node_modules", "electron");
  const pathFile = join(pkg, "path.txt");
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, "dist", readFileSync(pathFile, "utf8").trim());
  return existsSync(binary) ? binary : undefined;
}

const hasDisplay =
  process.platform !== "linux" || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = process.env.PGDESK_WEB === "1" ? undefined : electronBinary();
let child;
if (electron && hasDisplay) {
  child = spawn(electron, ["."], { stdio: "inherit" });
} else {
  const why = !electron
    ? "the Electron binary is not installed (npx install-electron fetches it)"
    : "there is no display";
  console.log(`pgdesk: ${why}; starting the web host instead (open the URL below in a browser).`);
  child = spawn(process.execPath, ["out/main/web.js"], { stdio: "inherit" });
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
