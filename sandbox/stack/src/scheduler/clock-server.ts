/**
 * The stack's clock over HTTP, for `npm run clock` and the web app's admin clock bar.
 * GET /clock is the time and the schedule; POST /clock {move} moves it. A move needs the
 * stack's key (which the CLI reads from the runtime file, readable by this machine's user only)
 * or an admin's Firebase ID token from the Auth emulator (the web app's clock bar).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { z } from "zod";
import { HOST, PROJECT_ID, WEB_URL } from "../config.js";
import { MoveError, parseMove } from "./moves.js";
import type { StackTime } from "./stack-time.js";

/** Where a running stack says how to reach its clock (one stack per machine: fixed ports). */
export const RUNTIME_FILE = path.join(os.tmpdir(), "kassa-stack-clock.json");

export const runtimeInfo = z.object({ url: z.string(), key: z.string(), pid: z.number(), project: z.string() });
export type RuntimeInfo = z.infer<typeof runtimeInfo>;

const moveBody = z.object({ move: z.string().max(100) });

async function isAdmin(header: string | undefined): Promise<boolean> {
  const token = /^Bearer (.+)$/.exec(header ?? "")?.[1];
  if (!token) return false;
  try {
    const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID });
    const claims = await getAuth(app).verifyIdToken(token);
    return claims["role"] === "admin";
  } catch {
    return false;
  }
}

function state(time: StackTime) {
  return { now: new Date(time.now()).toISOString(), offsetMs: time.offset, timeZone: time.timeZone, moving: time.isMoving, jobs: time.nextRuns() };
}

export function startClockServer(time: StackTime, port: number): Promise<{ close: () => Promise<void> }> {
  const key = crypto.randomBytes(18).toString("base64url");
  const url = `http://${HOST}:${port}`;
  const server = http.createServer((req, res) => {
    // The web app, whether opened as 127.0.0.1 or localhost; no other page may call the clock.
    const origin = req.headers.origin;
    const allowOrigin = origin && origin.replace("//localhost:", "//127.0.0.1:") === WEB_URL ? origin : WEB_URL;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, {
        "Content-Type": "application/json",
        "Access-Control-Allow-Origin": allowOrigin,
        Vary: "Origin",
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
      });
      res.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        if (req.method === "OPTIONS") return send(204, {});
        if (req.url !== "/clock") return send(404, { error: "only /clock lives here" });
        if (req.method === "GET") return send(200, state(time));
        if (req.method !== "POST") return send(405, { error: "GET or POST /clock" });
        const allowed = req.headers["x-kassa-clock-key"] === key || (await isAdmin(req.headers.authorization));
        if (!allowed) return send(403, { error: "moving the clock needs an admin (sign in as admin@kassa.test) or `npm run clock`" });
        let body: z.infer<typeof moveBody>;
        try {
          body = moveBody.parse(JSON.parse(Buffer.concat(chunks).toString() || "{}"));
        } catch {
          return send(400, { error: 'send {"move": "+8d"}' });
        }
        try {
          // Moves are from the product's time: a sandbox moved ahead on its own counts.
          await time.catchUpWithSandboxes();
          const move = parseMove(body.move, time.now(), time.timeZone);
          if (move.kind === "now") return send(200, { ...state(time), fired: [] });
          if (move.kind === "reset") {
            await time.reset();
            return send(200, { ...state(time), fired: [], note: "Kassa is on real time again. The Stripe and Fortnox sandboxes keep their time (their clocks never go back), so the next move first brings Kassa up to them; npm run reset forgets data and time" });
          }
          const moved = await time.moveTo(move.at);
          return send(200, { ...state(time), fired: moved.fired, from: moved.from });
        } catch (error) {
          if (error instanceof MoveError) return send(error.status, { error: error.message });
          return send(500, { error: error instanceof Error ? error.message : String(error) });
        }
      })();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      fs.writeFileSync(RUNTIME_FILE, JSON.stringify({ url, key, pid: process.pid, project: PROJECT_ID } satisfies RuntimeInfo), { mode: 0o600 });
      resolve({
        close: () =>
          new Promise<void>((done) => {
            if (fs.existsSync(RUNTIME_FILE)) fs.rmSync(RUNTIME_FILE, { force: true });
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
