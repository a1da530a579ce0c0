// notify-webhook.js: after a token is issued (or redeemed), POSTs a JSON message to the URL in
// SKUPPER_WEBHOOK_URL: who, which grant, which namespace, when it expires. Never the token's
// code, URL or CA: the message says a token exists, it does not carry it.
//
// A notification that cannot be sent does not fail the command: failurePolicy "Ignore" turns
// it into a warning. Remove that line to make it fail (exit code 3; the token is still there).

export const failurePolicy = "Ignore";

function post(message) {
  const url = env.SKUPPER_WEBHOOK_URL;
  if (!url) {
    console.warn("SKUPPER_WEBHOOK_URL is not set: no notification sent");
    return;
  }
  const answer = http.postJson(url, message, { timeoutMs: 3000 });
  if (!answer.ok) throw new Error(`webhook answered HTTP ${answer.status}`);
}

export function afterTokenIssue(ctx) {
  post({
    text: `${ctx.user.name || "someone"} issued a token for access grant ${ctx.grantName} in namespace ${ctx.namespace}, valid until ${ctx.expirationTime}`,
    event: ctx.event,
    grantName: ctx.grantName,
    namespace: ctx.namespace,
    site: ctx.site,
    expirationTime: ctx.expirationTime,
    redemptionsAllowed: ctx.redemptionsAllowed,
    user: ctx.user.name,
    time: now(),
  });
}

export function afterTokenRedeem(ctx) {
  post({
    text: `${ctx.user.name || "someone"} redeemed token ${ctx.name} in namespace ${ctx.namespace}`,
    event: ctx.event,
    name: ctx.name,
    namespace: ctx.namespace,
    remoteSite: ctx.remoteSite,
    user: ctx.user.name,
    time: now(),
  });
}
