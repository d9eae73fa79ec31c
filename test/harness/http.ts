import { request, type Agent } from "node:http";

/**
 * POSTs `body` with the host's bearer token and answers the response text. `agent: false`
 * opens a connection per call; with a keep-alive agent, a request on a reused socket that the
 * server closed for idleness meanwhile is sent once more (what Node's documentation advises),
 * and any other failure is the caller's.
 */
export function postText(
  url: string,
  o: { token: string; body: string; agent: Agent | false },
): Promise<string> {
  return send(url, o, true);
}

function send(
  url: string,
  o: { token: string; body: string; agent: Agent | false },
  again: boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent: o.agent,
        headers: {
          Authorization: `Bearer ${o.token}`,
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(o.body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        res.once("error", reject);
      },
    );
    req.once("error", (err: NodeJS.ErrnoException) => {
      if (again && req.reusedSocket && err.code === "ECONNRESET") resolve(send(url, o, false));
      else reject(err);
    });
    req.end(o.body);
  });
}
