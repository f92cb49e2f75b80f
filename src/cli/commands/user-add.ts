import { createUser, CreateUserSchema } from "../../access/users.ts";
import { roles } from "../../domain/index.ts";
import { listOption, parseInput } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const userAdd = defineCommand({
  synopsis: 'bantin user add --username U --roles LIST [--name "Full Name"] [--password P]',
  about: "Adds a console user. A generated password is printed once; a password given with --password is never printed.",
  options: {
    username: { type: "string", value: "U", description: "2 to 40 lowercase letters, digits, dot, dash or underscore" },
    name: { type: "string", value: '"Full Name"', description: "the name the console shows (default: the username)" },
    roles: { type: "string", value: "LIST", description: `comma-separated, from ${roles.join(", ")}` },
    password: { type: "string", value: "P", description: "10 to 200 characters; generated when left out" },
  },
  run: ({ values }) =>
    withRuntime(async (runtime) => {
      const input = parseInput(CreateUserSchema, {
        username: values.username,
        displayName: values.name ?? values.username,
        roles: listOption(values.roles),
        password: values.password,
      });
      const { user, password } = await createUser(runtime.database.db, input);
      // a password the operator typed is theirs already: echoing it would put it in logs and scrollback
      console.log(
        `user ${user.username} (${user.roles.join(", ")}) id ${user.id}\n${input.password === undefined ? `password (shown once): ${password}` : "password: as given (not shown)"}`,
      );
    }),
});
