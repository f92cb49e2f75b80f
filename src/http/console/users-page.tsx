// Users and their roles (admins): the list, a new user, a user's name, roles and account state, a new password.
// A password is shown once, in the answer to the form that made it.
import { roles } from "../../domain/index.ts";
import {
  CheckboxGroup,
  FormProblems,
  Notice,
  TextField,
  describedBy,
  errorsFor,
  FieldProblem,
  formErrors,
  type FieldErrors,
  type FormValues,
} from "./admin-forms.tsx";
import { formatDateTime } from "./format.ts";
import { CsrfField, Page } from "./layout.tsx";
import type { ConsoleContext } from "./session.ts";

export type UserRow = { id: string; username: string; displayName: string; roles: string[]; disabled: boolean; createdAt: Date; lastSignInAt: Date | null };

const roleOptions = (t: ConsoleContext["t"]) => roles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
const listValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

/** A password just made: shown this once. */
const NewPassword = (props: { console: ConsoleContext; username: string; password: string }) => {
  const { t } = props.console;
  return (
    <section class="issued" aria-labelledby="new-password">
      <h2 id="new-password">{t("admin.passwordTitle", { name: props.username })}</h2>
      <p>
        <strong>{t("admin.passwordOnce")}</strong>
      </p>
      <p class="field">
        <label for="new-password-value">{t("login.password")}</label>
        <input id="new-password-value" class="secret" readonly value={props.password} aria-describedby="new-password-hint" />
        <small id="new-password-hint" class="hint">
          {t("admin.copyHint")}
        </small>
      </p>
    </section>
  );
};

export const UsersPage = (props: {
  console: ConsoleContext;
  users: UserRow[];
  form: { values: FormValues; errors?: FieldErrors | undefined };
  created?: { username: string; password: string } | undefined;
  notice?: string | undefined;
}) => {
  const { t } = props.console;
  const { values, errors } = props.form;
  const others = formErrors(errors, ["username", "displayName", "roles", "password"]);
  return (
    <Page console={props.console} title={t("admin.users")} current="/users">
      <Notice text={props.notice} />
      {props.created && <NewPassword console={props.console} username={props.created.username} password={props.created.password} />}
      <table>
        <thead>
          <tr>
            <th scope="col">{t("login.username")}</th>
            <th scope="col">{t("admin.field.displayName")}</th>
            <th scope="col">{t("admin.field.roles")}</th>
            <th scope="col">{t("admin.accountState")}</th>
            <th scope="col">{t("admin.lastSignIn")}</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr>
              <td>
                <a href={`/users/${user.id}`}>{user.username}</a>
              </td>
              <td>{user.displayName}</td>
              <td>{user.roles.map((role) => t(`roles.${role}`)).join(", ")}</td>
              <td>{user.disabled ? <span class="badge flag-silent">{t("admin.disabledAccount")}</span> : t("admin.activeAccount")}</td>
              <td>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : t("endpoints.never")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="new-user">
        <h2 id="new-user">{t("admin.newUser")}</h2>
        {Object.keys(errors ?? {}).length > 0 && <FormProblems title={t("admin.formHasProblems")} errors={others} />}
        <form method="post" action="/users" class="stack admin-form">
          <CsrfField console={props.console} />
          <TextField
            id="f-username"
            name="username"
            label={t("login.username")}
            value={values.username}
            errors={errors}
            hint={t("admin.hint.username")}
            required
          />
          <TextField id="f-displayName" name="displayName" label={t("admin.field.displayName")} value={values.displayName} errors={errors} required wide />
          <CheckboxGroup id="f-roles" name="roles" legend={t("admin.field.roles")} options={roleOptions(t)} chosen={listValue(values.roles)} errors={errors} />
          <TextField
            id="f-password"
            name="password"
            type="password"
            autocomplete="new-password"
            label={t("admin.field.password")}
            value=""
            errors={errors}
            hint={t("admin.hint.password")}
          />
          <p>
            <button type="submit">{t("admin.create")}</button>
          </p>
        </form>
      </section>
    </Page>
  );
};

export const UserPage = (props: {
  console: ConsoleContext;
  user: UserRow;
  form: { values: FormValues; errors?: FieldErrors | undefined };
  password?: string | undefined;
  notice?: string | undefined;
  sessions: number;
}) => {
  const { t } = props.console;
  const { values, errors } = props.form;
  const others = formErrors(errors, ["displayName", "roles", "disabled"]);
  const disabledErrors = errorsFor(errors, "disabled");
  const self = props.user.id === props.console.user.id;
  return (
    <Page console={props.console} title={`${t("admin.user")}: ${props.user.username}`} current="/users">
      <p>
        <a href="/users">{t("admin.backToUsers")}</a>
      </p>
      <Notice text={props.notice} />
      {props.password && <NewPassword console={props.console} username={props.user.username} password={props.password} />}
      <dl class="facts">
        <dt>{t("admin.accountState")}</dt>
        <dd>{props.user.disabled ? t("admin.disabledAccount") : t("admin.activeAccount")}</dd>
        <dt>{t("list.created")}</dt>
        <dd>{formatDateTime(props.user.createdAt)}</dd>
        <dt>{t("admin.lastSignIn")}</dt>
        <dd>{props.user.lastSignInAt ? formatDateTime(props.user.lastSignInAt) : t("endpoints.never")}</dd>
        <dt>{t("admin.liveSessions")}</dt>
        <dd>{String(props.sessions)}</dd>
      </dl>
      <section aria-labelledby="change">
        <h2 id="change">{t("admin.change")}</h2>
        {self && <p class="hint">{t("admin.selfHint")}</p>}
        {Object.keys(errors ?? {}).length > 0 && <FormProblems title={t("admin.formHasProblems")} errors={others} />}
        <form method="post" action={`/users/${props.user.id}`} class="stack admin-form">
          <CsrfField console={props.console} />
          <TextField id="f-displayName" name="displayName" label={t("admin.field.displayName")} value={values.displayName} errors={errors} required wide />
          <CheckboxGroup id="f-roles" name="roles" legend={t("admin.field.roles")} options={roleOptions(t)} chosen={listValue(values.roles)} errors={errors} />
          <p class="check">
            <label>
              <input
                type="checkbox"
                name="disabled"
                checked={listValue(values.disabled).length > 0}
                {...describedBy("f-disabled", { errors: disabledErrors })}
              />{" "}
              {t("admin.field.disabled")}
            </label>
            <FieldProblem id="f-disabled" errors={disabledErrors} />
          </p>
          <p>
            <button type="submit">{t("admin.save")}</button>
          </p>
        </form>
      </section>
      <section aria-labelledby="reset">
        <h2 id="reset">{t("admin.resetPassword")}</h2>
        <p>{t("admin.resetHint")}</p>
        <form method="post" action={`/users/${props.user.id}/password`} class="inline">
          <CsrfField console={props.console} />
          <button type="submit" class="secondary">
            {t("admin.resetPassword")}
          </button>
        </form>
      </section>
    </Page>
  );
};
