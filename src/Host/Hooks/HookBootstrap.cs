namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// Builds the host API a hook sees from the raw functions the host passes in, then hides them.
/// Evaluated once per hook engine, before the hook module; its result is kept by the host only.
/// </summary>
internal static class HookBootstrap
{
    public const string Source = """
        (function (host, envJson, userJson, eventName, hookName) {
          "use strict";
          const freeze = Object.freeze;
          const text = (args) => args.map((a) => {
            if (typeof a === "string") return a;
            if (a instanceof Error) return String(a);
            try { const s = JSON.stringify(a); return s === undefined ? String(a) : s; } catch (e) { return String(a); }
          }).join(" ");
          const env = freeze(JSON.parse(envJson));
          const user = freeze(JSON.parse(userJson));
          const hidden = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: false, enumerable: false, configurable: false });
          function request(method, url, body, options) {
            const o = options || {};
            const raw = host.http(method, String(url), body === undefined ? null : JSON.stringify(body),
              o.timeoutMs === undefined ? -1 : Number(o.timeoutMs), JSON.stringify(o.headers || {}));
            const r = JSON.parse(raw);
            let json;
            try { json = r.body.length > 0 ? JSON.parse(r.body) : undefined; } catch (e) { json = undefined; }
            return freeze({ status: r.status, ok: r.status >= 200 && r.status < 300, body: r.body, json });
          }
          function refuse(message) {
            const e = new Error(String(message));
            e.name = "HookRefusal";
            throw e;
          }
          hidden(globalThis, "console", freeze({
            log: (...a) => host.write("", text(a)),
            info: (...a) => host.write("", text(a)),
            debug: (...a) => host.write("", text(a)),
            warn: (...a) => host.write("warning: ", text(a)),
            error: (...a) => host.write("error: ", text(a)),
          }));
          hidden(globalThis, "env", env);
          hidden(globalThis, "fs", freeze({
            readText: host.readText,
            writeText: host.writeText,
            appendText: host.appendText,
            copy: host.copy,
            mkdir: host.mkdir,
            exists: host.exists,
            join: host.join,
          }));
          hidden(globalThis, "http", freeze({
            postJson: (url, body, options) => request("POST", url, body, options),
            getJson: (url, options) => request("GET", url, undefined, options),
          }));
          hidden(globalThis, "refuse", refuse);
          hidden(globalThis, "now", host.now);
          return freeze({
            prepare(json) {
              const ctx = JSON.parse(json);
              hidden(ctx, "event", eventName);
              hidden(ctx, "user", user);
              hidden(ctx, "env", env);
              return ctx;
            },
            finish(ctx, result) {
              if (result !== undefined && result !== null) {
                if (typeof result !== "object" || Array.isArray(result))
                  throw new TypeError(`${hookName} returned ${Array.isArray(result) ? "an array" : typeof result}: return nothing, or an object of context fields to set`);
                Object.assign(ctx, result);
              }
              return JSON.stringify(ctx);
            },
          });
        })
        """;
}
