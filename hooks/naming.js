// naming.js: names every new access grant <site>-<team>-<yyyymmdd>-<4 random>, e.g.
// west-payments-20250314-k7qz, and labels it with the team. The team comes from the
// SKUPPER_TEAM environment variable; without it, token issue is refused.
//
// Install: copy to ~/.config/skupper/hooks/ (or /etc/skupper/hooks/), mode 0644 or stricter.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// The alphabet Kubernetes uses for generated names: no vowels, no look-alikes.
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export function beforeTokenIssue(ctx) {
  const team = env.SKUPPER_TEAM;
  if (!team) refuse("SKUPPER_TEAM is not set: set it to your team's name to issue tokens");
  if (!DNS_LABEL.test(team) || team.length > 30)
    refuse(`SKUPPER_TEAM "${team}" must be up to 30 lower-case letters, digits or '-'`);

  ctx.labels["example.com/team"] = team;
  ctx.annotations["example.com/issued-by"] = ctx.user.name || `uid ${ctx.user.uid}`;
  // With --grant the existing grant keeps its name.
  if (ctx.grantName) return;

  const d = new Date();
  const date = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}${String(d.getUTCDate()).padStart(2, "0")}`;
  let suffix = "";
  for (let i = 0; i < 4; i++) suffix += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  ctx.grantName = `${ctx.site}-${team}-${date}-${suffix}`;
}
