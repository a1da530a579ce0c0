// deliver-to-folder.js: after a token is issued, copies the token file into the drop folder
// named by SKUPPER_TOKEN_DROP (created if needed, mode 0700; the copy is mode 0600) as
// <grant>.yaml, and appends one line to <drop>/index.tsv: grant, namespace, expiry, file.
// The index never holds the token's code.
// With "token issue -" the token goes to standard output and ctx.file is "-": there is no file,
// and the user asked for none on disk, so nothing is delivered (and the command still succeeds).

export function afterTokenIssue(ctx) {
  const drop = env.SKUPPER_TOKEN_DROP;
  if (!drop) throw new Error("SKUPPER_TOKEN_DROP is not set: the token was not delivered");
  if (ctx.file === "-") {
    console.log("the token went to standard output: nothing delivered");
    return;
  }
  fs.mkdir(drop);
  const copy = fs.copy(ctx.file, fs.join(drop, `${ctx.grantName}.yaml`));
  fs.appendText(fs.join(drop, "index.tsv"),
    [ctx.grantName, ctx.namespace, ctx.expirationTime, copy].join("\t") + "\n");
  console.log(`delivered ${copy}`);
}
