import { AuthService } from "@quant-platform/client";

import { signIn } from "../api";
import { field, h } from "../dom";
import { attempt } from "../problem";

/** The sign-in page; once signed in, the console opens `returnTo` (the page asked for, or the dashboard). */
export function signInView(returnTo = "#/"): HTMLElement {
  const email = h("input", { name: "email", type: "email", autocomplete: "username", required: true }) as HTMLInputElement;
  const password = h("input", {
    name: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
  }) as HTMLInputElement;
  const displayName = h("input", { name: "display_name", autocomplete: "name" }) as HTMLInputElement;
  const errors = h("div");
  const registering = h("label.check", null, h("input", { type: "checkbox", name: "register" }), "Create an account");
  const nameField = field("Display name", displayName);
  nameField.hidden = true;
  registering.addEventListener("change", (event) => {
    nameField.hidden = !(event.target as HTMLInputElement).checked;
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    const register = !nameField.hidden;
    const user = await attempt(errors, async () => {
      if (register) {
        await AuthService.register({
          body: { email: email.value, password: password.value, display_name: displayName.value },
        });
      }
      return signIn(email.value, password.value);
    });
    if (!user) return;
    if (location.hash === returnTo) window.dispatchEvent(new HashChangeEvent("hashchange"));
    else location.hash = returnTo;
  };

  return h(
    "div.signin",
    null,
    h(
      "form.card",
      { on: { submit } },
      h("h1", null, "Quant Platform"),
      field("E-mail", email),
      field("Password", password),
      registering,
      nameField,
      h("button", { type: "submit" }, "Sign in"),
      errors,
      h("p.muted", null, "The REST API and its reference: ", h("a", { href: "../docs" }, "/docs")),
    ),
  );
}
