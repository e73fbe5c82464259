import { AdminUsersService, type UserOut } from "@quant-platform/client";

import { h, replace, table, when } from "../dom";
import { attempt } from "../problem";

export async function adminUsersView(root: HTMLElement): Promise<void> {
  const errors = h("div");
  const load = async () => {
    const { data } = await AdminUsersService.listUsers({ query: { limit: 500 } });
    const act = async (action: () => Promise<unknown>) => {
      if (await attempt(errors, action)) await load();
    };
    const toggle = (u: UserOut) =>
      h(
        "button.link",
        {
          type: "button",
          on: {
            click: () =>
              void act(() =>
                u.is_active
                  ? AdminUsersService.deactivateUser({ path: { user_id: u.id } })
                  : AdminUsersService.reactivateUser({ path: { user_id: u.id } }),
              ),
          },
        },
        u.is_active ? "Deactivate" : "Reactivate",
      );
    replace(
      root,
      h("h1", null, `Users (${data.total})`),
      errors,
      h(
        "div",
        { "data-testid": "users" },
        table(data.items, {
          "E-mail": (u) => u.email,
          Name: (u) => u.display_name,
          Roles: (u) => u.roles.join(", "),
          Active: (u) => (u.is_active ? "yes" : "no"),
          Created: (u) => when(u.created_at),
          "Last sign-in": (u) => when(u.last_login_at),
          "": toggle,
        }),
      ),
    );
  };
  await load();
}
