// Start the all-in-one platform (gateway + embedded FerretDB) on free ports with a temporary data
// folder, for the client's end-to-end test; stop it (and its database) afterwards.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function portOpen(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch (err) {
    return err?.cause?.code !== "ECONNREFUSED";
  }
}

/**
 * `hatch run python -m quant_gateway --port <free>` with `QUANT_DATA_DIR` in a temporary folder,
 * FerretDB on another free port and the first admin from the environment. Resolves once `/health`
 * answers 200; `stop()` interrupts the process group (uvicorn stops, then FerretDB) and cleans up.
 */
export async function startPlatform({ admin, timeoutMs = 240_000 }) {
  const [port, dbPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), "quant-ts-client-"));
  const env = {
    ...process.env,
    QUANT_DATA_DIR: dataDir,
    QUANT_EMBEDDED_DB_PORT: String(dbPort),
    QUANT_DB_PREFIX: "tsclient",
    QUANT_USER_ADMIN_EMAIL: admin.email,
    QUANT_USER_ADMIN_PASSWORD: admin.password,
    QUANT_LOG_LEVEL: "WARNING",
  };
  delete env.QUANT_MONGODB_URL; // always the embedded database, never a developer's server
  const child = spawn("hatch", ["run", "python", "-m", "quant_gateway", "--port", String(port)], {
    cwd: workspace,
    env,
    detached: true, // its own process group, so stop() reaches hatch and python
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk) => (output = (output + chunk).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((done) => child.once("exit", (code, signal) => done({ code, signal })));
  let running = true;
  exited.then(() => (running = false));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (running) {
      process.kill(-child.pid, "SIGINT");
      const killer = setTimeout(() => running && process.kill(-child.pid, "SIGKILL"), 60_000);
      await exited;
      clearTimeout(killer);
    }
    const databaseStillUp = await portOpen(dbPort);
    rmSync(dataDir, { recursive: true, force: true });
    return { databaseStillUp };
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running) throw new Error(`the platform exited while starting:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) return { baseUrl, stop, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the platform did not become healthy in ${timeoutMs} ms:\n${output}`);
}
