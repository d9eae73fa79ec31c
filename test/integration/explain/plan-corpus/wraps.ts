import { displayWidth } from "../../../../src/shared/explain/input/display-width";

/** How many pieces of exactly the width a terminal's cuts leave. */
export function cutsAt(text: string, width: number): number {
  return text.split("\n").reduce((n, l) => n + Math.floor((displayWidth(l) - 1) / width), 0);
}

/** What a terminal without reflow does to a long line: cuts it every `width` columns. */
export function terminalWrap(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    let rest = line;
    while (displayWidth(rest) > width) {
      let cut = 0;
      let w = 0;
      for (const ch of rest) {
        const cw = displayWidth(ch);
        if (w + cw > width) break;
        w += cw;
        cut += ch.length;
      }
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    out.push(rest);
  }
  return out.join("\n");
}

/** What a chat or mail client does: breaks long lines at a space (dropping it), continuing at the margin. */
export function chatWrap(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    let rest = line;
    while (rest.length > width) {
      // only a single space between two words is a break: runs of spaces stay on their line
      let at = -1;
      for (let i = Math.min(width, rest.length - 1); i > rest.search(/\S/); i--)
        if (rest[i] === " " && rest[i - 1] !== " " && rest[i + 1] !== " ") {
          at = i;
          break;
        }
      if (at < 0) break;
      out.push(rest.slice(0, at));
      rest = rest.slice(at + 1);
    }
    out.push(rest);
  }
  return out.join("\n");
}
