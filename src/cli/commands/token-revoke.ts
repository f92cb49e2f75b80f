import { revokeToken } from "../../access/issue-token.ts";
import { fail } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const tokenRevoke = defineCommand({
  synopsis: "bantin token revoke <token-id>",
  about: "Revokes a token: requests carrying it are refused from now on.",
  arguments: { "<token-id>": "the token's id (not the token itself): GET /api/v1/tokens lists them" },
  options: {},
  run: ({ positionals: [id] }) => {
    if (!id) return fail("token revoke needs the token id (bantin token revoke <id>)");
    return withRuntime(async (runtime) => {
      const revoked = await revokeToken(runtime.database.db, { id, now: new Date() });
      console.log(`token ${revoked.id} revoked at ${revoked.revokedAt?.toISOString()}`);
    });
  },
});
